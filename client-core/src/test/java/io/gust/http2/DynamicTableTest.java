package io.gust.http2;

import static io.gust.http2.Hpack.entries;
import static io.gust.http2.Hpack.fields;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class DynamicTableTest {
  @Test
  void addingEvictsTheOldestUntilTheEntryFits() {
    DynamicTable table = new DynamicTable(100);
    table.add(new HeaderField("a", "1"));
    table.add(new HeaderField("b", "2"));
    table.add(new HeaderField("c", "3"));
    assertEquals(fields("c", "3", "b", "2"), entries(table));
    assertEquals(68, table.size());
  }

  @Test
  void anEntryLargerThanTheTableEmptiesIt() {
    DynamicTable table = new DynamicTable(64);
    table.add(new HeaderField("a", "1"));
    table.add(new HeaderField("name", "a value far too long for a table of sixty-four octets"));
    assertEquals(0, table.length());
    assertEquals(0, table.size());
  }

  @Test
  void shrinkingEvictsAndZeroEmpties() {
    DynamicTable table = new DynamicTable(4096);
    table.add(new HeaderField("a", "1"));
    table.add(new HeaderField("b", "2"));
    table.setMaxSize(40);
    assertEquals(fields("b", "2"), entries(table));
    table.setMaxSize(0);
    assertEquals(0, table.length());
  }

  @Test
  void keepsOrderAcrossGrowthAndWrapAround() {
    DynamicTable table = new DynamicTable(40 * 34);
    for (int i = 0; i < 100; i++) {
      table.add(new HeaderField("n", String.format("%06d", i)));
    }
    assertEquals(34, table.length());
    for (int index = 1; index <= 34; index++) {
      assertEquals(String.format("%06d", 100 - index), table.get(index).value());
    }
    assertEquals(-1, table.find("n", "none"));
    assertEquals(3, table.find("n", "000097"));
    assertEquals(0, table.find("m", "000097"));
  }
}
