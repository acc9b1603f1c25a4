// What services import to record events: no hub, bus or access code (which import services).
export { recordEvent, recordEvents, specEvent, type NewEvent } from './record.js';
export { contentEvents, labelsEvent, membershipEvent, sessionRevokedEvent, tokenRevokedEvent, transitionEvents } from './service-events.js';
