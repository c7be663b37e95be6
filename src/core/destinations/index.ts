// Confirmed destinations, re-exported by name. Imported by the worker, src/core and the popup.
export {
  addedDestinations,
  apiOrigin,
  appDestinationChanges,
  appUrls,
  changeText,
  connectionDestinationChanges,
  type Destination,
  type DestinationChange,
  type DestinationRecords,
  destinationsOf,
  newPlacesText,
  type SecretRef,
} from './destinations';
export { CONFIRM_GRACE_MINUTES, type ConfirmationStamp, graceCovers, stampConfirmation } from './grace';
