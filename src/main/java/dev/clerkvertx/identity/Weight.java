package dev.clerkvertx.identity;

/** Bytes added up while one token is decoded: what its identity holds on its own, not shared. */
final class Weight {
  private long bytes;

  void add(long more) {
    bytes += more;
  }

  long bytes() {
    return bytes;
  }
}
