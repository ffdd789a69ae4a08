package dev.clerkvertx.graphql;

import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What a parsed document asks for, measured before validation and execution, in time linear in
 * the document: over all its operations, the field selections (aliases count; each fragment spread
 * counts its fragment's fields again, as execution would) and the deepest nesting. Counts saturate
 * instead of overflowing; a fragment spreading itself counts as empty here (validation refuses the
 * cycle).
 */
record DocumentShape(int depth, long fields) {

  private static final long SATURATED = Long.MAX_VALUE / 4;

  static DocumentShape of(Document document) {
    Map<String, FragmentDefinition> fragments = new HashMap<>();
    for (var definition : document.getDefinitions()) {
      if (definition instanceof FragmentDefinition f) {
        fragments.putIfAbsent(f.getName(), f);
      }
    }
    Walker walker = new Walker(fragments);
    long fields = 0;
    int depth = 0;
    for (var definition : document.getDefinitions()) {
      if (definition instanceof OperationDefinition op) {
        Measure m = walker.measure(op.getSelectionSet());
        fields = add(fields, m.fields);
        depth = Math.max(depth, m.depth);
      }
    }
    return new DocumentShape(depth, fields);
  }

  private static long add(long a, long b) {
    return Math.min(SATURATED, a + b);
  }

  private record Measure(long fields, int depth) {
    static final Measure EMPTY = new Measure(0, 0);
  }

  /** Measures selection sets, each fragment once (memoised), guarding against spread cycles. */
  private static final class Walker {
    private final Map<String, FragmentDefinition> fragments;
    private final Map<String, Measure> measured = new HashMap<>();
    private final Set<String> inProgress = new HashSet<>();

    Walker(Map<String, FragmentDefinition> fragments) {
      this.fragments = fragments;
    }

    Measure measure(SelectionSet set) {
      if (set == null) {
        return Measure.EMPTY;
      }
      long fields = 0;
      int depth = 0;
      for (Selection<?> selection : set.getSelections()) {
        Measure m;
        if (selection instanceof Field field) {
          Measure sub = measure(field.getSelectionSet());
          m = new Measure(add(1, sub.fields), sub.depth + 1);
        } else if (selection instanceof InlineFragment inline) {
          m = measure(inline.getSelectionSet());
        } else if (selection instanceof FragmentSpread spread) {
          m = fragment(spread.getName());
        } else {
          m = Measure.EMPTY;
        }
        fields = add(fields, m.fields);
        depth = Math.max(depth, m.depth);
      }
      return new Measure(fields, depth);
    }

    private Measure fragment(String name) {
      Measure known = measured.get(name);
      if (known != null) {
        return known;
      }
      FragmentDefinition definition = fragments.get(name);
      if (definition == null || !inProgress.add(name)) {
        return Measure.EMPTY;
      }
      Measure m = measure(definition.getSelectionSet());
      inProgress.remove(name);
      measured.put(name, m);
      return m;
    }
  }
}
