package dev.clerkvertx.config;

/**
 * Bounds on one GraphQL request. Body and length are checked before parsing, tokens while parsing,
 * operations, fragments, depth and fields after parsing and before validation.
 */
public record GraphQLLimits(int maxBodyBytes, int maxQueryLength, int maxTokens, int maxOperations,
                            int maxFragments, int maxDepth, int maxFields, long documentCacheBytes) {
}
