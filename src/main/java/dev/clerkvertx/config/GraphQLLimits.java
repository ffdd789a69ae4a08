package dev.clerkvertx.config;

/**
 * Bounds on one GraphQL request. Body, length and variables are checked before parsing, tokens while
 * parsing, operations, fragments, depth and fields after parsing and before validation, the arguments
 * fields receive before execution, the answer while it is built; answers in flight per event loop
 * share {@code answerBudgetBytes}.
 */
public record GraphQLLimits(int maxBodyBytes, int maxQueryLength, int maxTokens, int maxOperations,
                            int maxFragments, int maxDepth, int maxFields, long documentCacheBytes,
                            int maxVariablesBytes, long maxArgumentBytes, long maxAnswerBytes, long answerBudgetBytes) {
}
