// Confirmed destinations, re-exported by name. Imported by the worker, src/core and the popup.
export { changeText, type DestinationChange } from './change';
export {
  addedDestinations,
  apiOrigin,
  appDestinationChanges,
  appUrls,
  connectionDestinationChanges,
  type Destination,
  type DestinationRecords,
  destinationsOf,
  newPlacesText,
  type SecretRef,
} from './destinations';
export { CONFIRM_GRACE_MINUTES, type ConfirmationStamp, graceCovers, stampConfirmation } from './grace';
