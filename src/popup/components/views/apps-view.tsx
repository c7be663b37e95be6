// Apps: the registered OAuth clients (client IDs) the credentials are used through.
export { Apps as AppsView } from '../apps';
