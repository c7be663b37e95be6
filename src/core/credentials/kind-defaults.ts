// What a new Google service account credential and its connections start with, apart from the
// key file's reader so that the popup's forms can name them without loading it. Imported by
// src/core/credentials and the popup.

/** Where most Google APIs live: a new connection's API unless the user names another. */
export const GOOGLE_API_BASE_URL = 'https://www.googleapis.com/';
/** The scope a new service account credential starts with: every Cloud API its roles allow. */
export const GOOGLE_DEFAULT_SCOPE = 'https://www.googleapis.com/auth/cloud-platform';
