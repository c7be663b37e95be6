// Credentials: the stored JWTs — list, filter, add, edit, and the `.env` import.
export { Credentials as CredentialsView } from '../credentials';
