package dev.clerkvertx.identity;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Values many sessions carry alike, kept once: names (roles, authorized parties, feature and
 * permission names), {@code fea}/{@code pla} lists, {@code o.per} name lists, v1 permission lists.
 * Organisation ids, slugs and permission bits are not here: they are the session's own.
 * <p>
 * Bounded in bytes ({@link #maxBytes()}), and every value is charged, as it is admitted, to a
 * {@link Budget} (the verified-session cache's): the session that first brings a value in pays for
 * it, and the charge stays as long as the value, which is as long as the process (nothing is ever
 * evicted, so that nothing a cached session still uses goes uncounted). When the pool or the budget
 * is full, a new value is not pooled: the identity that carries it holds its own copy and is weighed
 * for it. Honest traffic brings a few hundred distinct values (names are set per Clerk instance).
 * Thread-safe: all event loops decode through one pool.
 */
public final class SharedValues {
  /** Where the pool's bytes are charged. */
  @FunctionalInterface
  public interface Budget {
    /** Charges nothing; always has room. */
    Budget NONE = bytes -> true;

    /** Charges {@code bytes} if there is room (false: nothing charged); a negative amount refunds, always. */
    boolean charge(long bytes);
  }

  private static final Logger LOG = LoggerFactory.getLogger(SharedValues.class);

  private final long maxBytes;
  private final Budget budget;
  private final AtomicBoolean fullLogged = new AtomicBoolean();
  private final AtomicLong bytes = new AtomicLong();
  private final Map<String, String> strings = new ConcurrentHashMap<>();
  private final Map<String, ScopedEntries> lists = new ConcurrentHashMap<>();
  private final Map<String, String[]> nameLists = new ConcurrentHashMap<>();
  private final Map<List<String>, String[]> permissionLists = new ConcurrentHashMap<>();

  public SharedValues(long maxBytes, Budget budget) {
    this.maxBytes = maxBytes;
    this.budget = budget;
  }

  /** The most bytes the pool holds (all of them charged to its budget). */
  public long maxBytes() {
    return maxBytes;
  }

  /** Bytes held now. */
  public long bytes() {
    return bytes.get();
  }

  /** One copy of this string. */
  String string(String s, Weight held) {
    String pooled = strings.get(s);
    return pooled != null ? pooled : share(strings, s, 0, s, Weights.string(s), held);
  }

  /** The parsed {@code fea}/{@code pla} list of this claim text. */
  ScopedEntries entries(String text, Weight held) {
    ScopedEntries pooled = lists.get(text);
    if (pooled != null) {
      return pooled;
    }
    Weight inner = new Weight();
    ScopedEntries made = ScopedEntries.parse(text, this, inner);
    return share(lists, text, 0, made, made.bytes() + inner.bytes(), held);
  }

  /** {@code o.per}'s names, JavaScript-trimmed, by index. */
  String[] names(String per, Weight held) {
    String[] pooled = nameLists.get(per);
    return pooled != null ? pooled : shareNames(nameLists, per, Weights.string(per), per.split(",", -1), true, held);
  }

  /** A v1 permission list, given distinct and sorted. */
  String[] permissions(String[] sortedDistinct, Weight held) {
    List<String> key = Arrays.asList(sortedDistinct);
    String[] pooled = permissionLists.get(key);
    // the key is a view of the value: it holds only its own 16 bytes
    return pooled != null ? pooled : shareNames(permissionLists, key, 16, sortedDistinct, false, held);
  }

  private <K> String[] shareNames(Map<K, String[]> map, K key, long keyBytes, String[] names, boolean trim, Weight held) {
    Weight inner = new Weight();
    for (int i = 0; i < names.length; i++) {
      names[i] = string(trim ? JsText.trim(names[i]) : names[i], inner);
    }
    return share(map, key, keyBytes, names, Weights.refs(names.length) + inner.bytes(), held);
  }

  /**
   * Pools {@code made} under {@code key} when the pool and the budget have room for it (a value
   * pooled meanwhile by another thread wins); else {@code made} stays the caller's own, weighed in
   * {@code held}. {@code keyBytes}: what the key holds that the value does not.
   */
  private <K, V> V share(Map<K, V> map, K key, long keyBytes, V made, long valueBytes, Weight held) {
    long charge = Weights.ENTRY + keyBytes + valueBytes;
    boolean poolFull = bytes.addAndGet(charge) > maxBytes;
    if (!poolFull && budget.charge(charge)) {
      V prior = map.putIfAbsent(key, made);
      if (prior == null) {
        return made;
      }
      budget.charge(-charge);
      bytes.addAndGet(-charge);
      return prior;
    }
    bytes.addAndGet(-charge);
    if (poolFull && maxBytes > 0 && !fullLogged.getAndSet(true)) {
      LOG.warn("Shared identity values: the pool is full ({} KiB); new values are held, and weighed, by each session",
        maxBytes >> 10);
    }
    held.add(valueBytes);
    return made;
  }
}
