package io.gust.http2;

/**
 * The dynamic table of RFC 7541 §2.3.2 and §4: a FIFO of fields, newest first, whose size (the
 * sum of entries' RFC 7541 sizes) never passes its maximum. Adding an entry evicts the oldest
 * until it fits; an entry larger than the maximum empties the table and is not added.
 */
final class DynamicTable {
  /** Ring of entries; {@code entries[newest]} is index 1, older ones follow backwards. */
  private HeaderField[] entries = new HeaderField[16];
  private int newest = -1;
  private int count;
  private int size;
  private int maxSize;

  DynamicTable(int maxSize) {
    this.maxSize = maxSize;
  }

  /** Returns the number of entries. */
  int length() {
    return count;
  }

  /** Returns the sum of the entries' sizes. */
  int size() {
    return size;
  }

  int maxSize() {
    return maxSize;
  }

  /** Returns the entry at {@code index}, 1 (newest) to {@link #length()}. */
  HeaderField get(int index) {
    if (index < 1 || index > count) {
      throw new IndexOutOfBoundsException(index);
    }
    return entries[slot(index)];
  }

  private int slot(int index) {
    int slot = newest - (index - 1);
    return slot < 0 ? slot + entries.length : slot;
  }

  /** Changes the maximum size, evicting the oldest entries that no longer fit. */
  void setMaxSize(int newMaxSize) {
    maxSize = newMaxSize;
    evictUntil(newMaxSize);
  }

  /** Adds {@code field} as index 1, evicting as RFC 7541 §4.4 says. */
  void add(HeaderField field) {
    int entrySize = field.hpackSize();
    if (entrySize > maxSize) {
      evictUntil(0);
      return;
    }
    evictUntil(maxSize - entrySize);
    if (count == entries.length) {
      grow();
    }
    newest = (newest + 1) % entries.length;
    entries[newest] = field;
    count++;
    size += entrySize;
  }

  private void evictUntil(int targetSize) {
    while (size > targetSize) {
      int oldest = slot(count);
      size -= entries[oldest].hpackSize();
      entries[oldest] = null;
      count--;
    }
  }

  private void grow() {
    HeaderField[] larger = new HeaderField[entries.length * 2];
    for (int index = count; index >= 1; index--) {
      larger[count - index] = entries[slot(index)];
    }
    entries = larger;
    newest = count - 1;
  }

  /**
   * Returns the index of an entry matching name and value, else the negated index of the newest
   * entry matching the name, else 0.
   */
  int find(String name, String value) {
    int nameMatch = 0;
    for (int index = 1; index <= count; index++) {
      HeaderField entry = entries[slot(index)];
      if (entry.name().equals(name)) {
        if (entry.value().equals(value)) {
          return index;
        }
        if (nameMatch == 0) {
          nameMatch = -index;
        }
      }
    }
    return nameMatch;
  }
}
