package dev.clerkvertx.graphql;

import graphql.language.ArrayValue;
import graphql.language.Argument;
import graphql.language.EnumValue;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FloatValue;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.IntValue;
import graphql.language.ObjectField;
import graphql.language.ObjectValue;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.language.VariableReference;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What an operation hands its fields, in JSON bytes, before anything runs: the arguments of every
 * field selection (literals as written, variables as sent), counted again for each alias and each
 * fragment spread, as execution passes them. A field may echo what it receives, so this is a lower
 * bound of what {@code {a: f(x: $v) b: f(x: $v) ...}} can answer. Linear in the document (each
 * fragment measured once, each variable once); saturates; a fragment spreading itself counts as empty.
 */
final class EchoCost {
  private final Map<String, FragmentDefinition> fragments;
  private final Map<String, Object> variables;
  private final Map<String, Long> variableBytes = new HashMap<>();
  private final Map<String, Long> measured = new HashMap<>();
  private final Set<String> inProgress = new HashSet<>();

  private EchoCost(Map<String, FragmentDefinition> fragments, Map<String, Object> variables) {
    this.fragments = fragments;
    this.variables = variables;
  }

  /** The argument bytes of {@code operation}, its fragments expanded, with these (coerced) variables. */
  static long of(OperationDefinition operation, Map<String, FragmentDefinition> fragments, Map<String, Object> variables) {
    return new EchoCost(fragments, variables).selections(operation.getSelectionSet());
  }

  private long selections(SelectionSet set) {
    if (set == null) {
      return 0;
    }
    long total = 0;
    for (Selection<?> selection : set.getSelections()) {
      long cost = 0;
      if (selection instanceof Field field) {
        for (Argument argument : field.getArguments()) {
          cost = JsonSize.add(cost, value(argument.getValue(), 0));
        }
        cost = JsonSize.add(cost, selections(field.getSelectionSet()));
      } else if (selection instanceof InlineFragment inline) {
        cost = selections(inline.getSelectionSet());
      } else if (selection instanceof FragmentSpread spread) {
        cost = fragment(spread.getName());
      }
      total = JsonSize.add(total, cost);
    }
    return total;
  }

  private long fragment(String name) {
    Long known = measured.get(name);
    if (known != null) {
      return known;
    }
    FragmentDefinition definition = fragments.get(name);
    if (definition == null || !inProgress.add(name)) {
      return 0;
    }
    long cost = selections(definition.getSelectionSet());
    inProgress.remove(name);
    measured.put(name, cost);
    return cost;
  }

  private long value(Value<?> value, int depth) {
    if (depth > JsonSize.MAX_DEPTH) {
      return JsonSize.HUGE;
    }
    if (value instanceof VariableReference ref) {
      return variableBytes.computeIfAbsent(ref.getName(), name -> JsonSize.of(variables.get(name)));
    }
    if (value instanceof StringValue s) {
      return JsonSize.string(s.getValue());
    }
    if (value instanceof EnumValue e) {
      return 2 + e.getName().length();
    }
    if (value instanceof ArrayValue array) {
      long size = 2;
      for (Value<?> item : array.getValues()) {
        size = JsonSize.add(size, 1 + value(item, depth + 1));
      }
      return size;
    }
    if (value instanceof ObjectValue object) {
      long size = 2;
      for (ObjectField field : object.getObjectFields()) {
        size = JsonSize.add(size, 4 + field.getName().length() + value(field.getValue(), depth + 1));
      }
      return size;
    }
    if (value instanceof IntValue i) {
      return i.getValue().toString().length();
    }
    if (value instanceof FloatValue f) {
      return f.getValue().toString().length();
    }
    // booleans, null
    return 5;
  }
}
