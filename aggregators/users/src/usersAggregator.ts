import { defineAggregator } from '@causeway/runtime';

/**
 * `users`: what others may see of a user (never the password hash).
 * `user_credentials`: normalised email → user id and password hash, read only
 * by the gateway's login; no query API serves this collection.
 */
export const usersAggregator = defineAggregator({
  name: 'users',
  categories: ['identity'],
  collections: {
    users: { indexes: [{ keys: { normalizedEmail: 1 }, unique: true }] },
    user_credentials: {},
  },
  // Rejections change nothing here.
  ignores: ['UserRegistrationRejected'],
  handlers: {
    UserRegistered: ({ data }) => [
      {
        collection: 'users',
        id: data.userId,
        update: { $set: { email: data.email, normalizedEmail: data.normalizedEmail, displayName: data.displayName, registeredAt: data.registeredAt } },
      },
      { collection: 'user_credentials', id: data.normalizedEmail, update: { $set: { userId: data.userId, passwordHash: data.passwordHash } } },
    ],
  },
});
