package gg.kalico.telemetry.collect.stats;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NameCounterTest {
  @Test
  void countsEachMachineOncePerNameAndFoldsDistinctMachines() {
    NameCounter c = new NameCounter(3);
    // machine 0: a, b, a again (counted once); machine 1: a, c; machine 2: a, b; machine 3: c, d
    c.add("a", 0);
    c.add("b", 0);
    c.add("a", 0);
    c.add("a", 1);
    c.add("c", 1);
    c.add("a", 2);
    c.add("b", 2);
    c.add("c", 3);
    c.add("d", 3);
    RankedList list = c.fold();
    assertThat(list.shown()).containsExactly(new NameCount("a", 3));
    assertThat(list.foldedNames()).isEqualTo(3); // b (2), c (2), d (1)
    assertThat(list.foldedMachines()).isEqualTo(4); // b: 0, 2; c: 1, 3; d: 3
  }

  @Test
  void ordersByMachinesThenName() {
    NameCounter c = new NameCounter(2);
    for (int m = 0; m < 4; m++) {
      c.add("zeta", m);
      if (m < 2) {
        c.add("beta", m);
        c.add("alpha", m);
      }
    }
    assertThat(c.fold().shown()).extracting(NameCount::name)
        .containsExactly("zeta", "alpha", "beta");
    assertThat(c.fold().foldedNames()).isZero();
  }
}
