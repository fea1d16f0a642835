// The shape of a vendor descriptor: generated from descriptor.schema.json (the schema validates each
// descriptor at load; `node scripts/gen-vendor-types.mjs` rewrites the generated file, and
// test/vendors/descriptor-types.test.ts fails when it is stale), with the field table's keys
// narrowed to the model's fields, which the schema can only say as a key pattern.
import type { MappedField } from '../../shared/event';
import type { AuditDeskVendorDescriptor, Auth, Condition, PathParam, Rule } from './descriptor.schema.generated';

export type DetectCondition = Condition;
export type DetectRule = Rule;
export type VendorAuth = Auth;
export type VendorPathParam = PathParam;
export type VendorPaging = NonNullable<AuditDeskVendorDescriptor['paging']>;

export type VendorDescriptor = Omit<AuditDeskVendorDescriptor, '$schema' | 'fields'> & {
  fields: Partial<Record<MappedField, string[]>>;
};
