// Shared building blocks of every entity schema. Ids are opaque strings so records created on many
// machines (raters, researchers) merge without collisions; see ids.ts for how they are made.
import { z } from 'zod';

export { SCHEMA_VERSION } from './version';
export { BUILTIN_DOMAINS, BUILTIN_TRAITS, TRAIT_LABELS, traitLabel } from './vocabulary';

export const IdSchema = z
	.string()
	.min(1, 'must not be empty')
	.max(200, 'must be at most 200 characters')
	.regex(/^[A-Za-z0-9._:@-]+$/, 'may hold only letters, digits and . _ : @ -');

export const TimestampSchema = z.iso.datetime({
	offset: true,
	message: 'must be an ISO 8601 time'
});

/** Traits, domains and tags are open vocabularies: the built-ins plus anything a user defines. */
export const SlugSchema = z
	.string()
	.min(1, 'must not be empty')
	.max(80, 'must be at most 80 characters')
	.regex(/^[a-z0-9]+(?:[-_][a-z0-9]+)*$/, 'must be lowercase kebab-case, e.g. "well-being"');

export const TraitSchema = SlugSchema;
export const DomainSchema = SlugSchema;
export const TagSchema = SlugSchema;

export type Trait = z.infer<typeof TraitSchema>;
export type Domain = z.infer<typeof DomainSchema>;
