// In-app notifications: other services create them with notify() inside their own transaction
// (mentions, review requests, verdicts, reminders, decisions); each user lists and marks their own.
export { notify, NOTIFICATION_KINDS, type NotifyInput } from './notify.js';
export { listNotifications, type Notification, type NotificationListQuery, type NotificationPage } from './list.js';
export { markAllNotificationsRead, markNotification } from './mark-read.js';
