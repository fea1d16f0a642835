// An Opbox-like mapping (email before name, request id with a fallback, before/after states), used by
// the mapping test and the mapping bench on the same generated records.
import type { Mapping } from '../../src/shared/mapping';

export const OPBOX_LIKE_MAPPING: Mapping = {
  vendor: 'opbox',
  origin: 'descriptor',
  shapeKey: '',
  fields: {
    time: ['createdAt'],
    eventId: ['id'],
    actor: ['user.email', 'user.name'],
    action: ['action'],
    targetType: ['resource'],
    targetId: ['resourceId'],
    ip: ['ipAddress'],
    userAgent: ['userAgent'],
    requestId: ['requestId', 'metadata.requestId'],
    before: ['metadata.before'],
    after: ['metadata.after'],
  },
};
