/** WeChat subscription messages: an outbox written in the caller's transaction, sent by a worker. */
export { NotificationService, type SubscribeSender } from './notification.service';
