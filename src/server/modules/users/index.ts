export { findUser, findUsers, type UserRecord } from './users.store.js';
export { createPeople, resetToken, setPassword } from './users.service.js';
