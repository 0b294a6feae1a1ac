package dev.calibration.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class SegmentKeyTest {

  @Test
  void of_sameAttributesInAnyOrder_equalWithEqualHash() {
    Map<String, String> ab = new LinkedHashMap<>();
    ab.put("region", "eu");
    ab.put("condition", "new");
    Map<String, String> ba = new LinkedHashMap<>();
    ba.put("condition", "new");
    ba.put("region", "eu");

    assertEquals(SegmentKey.of(ab), SegmentKey.of(ba));
    assertEquals(SegmentKey.of(ab).hashCode(), SegmentKey.of(ba).hashCode());
    assertEquals("condition=new,region=eu", SegmentKey.of(ab).toString());
    assertEquals("condition", SegmentKey.of(ab).name(0));
    assertEquals(Optional.of("eu"), SegmentKey.of(ab).get("region"));
    assertEquals(Optional.empty(), SegmentKey.of(ab).get("tier"));
  }

  @Test
  void of_emptyMap_isTheEmptyKey() {
    assertSame(SegmentKey.empty(), SegmentKey.of(Map.of()));
    assertEquals(0, SegmentKey.empty().size());
  }

  @Test
  void of_nullValue_rejectedNamingTheAttribute() {
    Map<String, String> m = new HashMap<>();
    m.put("condition", null);
    NullPointerException e = assertThrows(NullPointerException.class, () -> SegmentKey.of(m));
    assertEquals("attribute condition must not be null", e.getMessage());
  }

  @Test
  void contains_subsetSupersetAndDifferentValue_asSetInclusion() {
    SegmentKey full = SegmentKey.of(Map.of("condition", "new", "region", "eu", "tier", "a"));

    assertTrue(full.contains(SegmentKey.of("region", "eu")));
    assertTrue(full.contains(SegmentKey.of(Map.of("condition", "new", "tier", "a"))));
    assertTrue(full.contains(SegmentKey.empty()));
    assertTrue(full.contains(full));
    assertFalse(full.contains(SegmentKey.of("region", "us")));
    assertFalse(full.contains(SegmentKey.of("brand", "x")));
    assertFalse(SegmentKey.of("region", "eu").contains(full));
    assertNotEquals(full, SegmentKey.of("region", "eu"));
  }

  @Property(tries = 300)
  void contains_anyTwoKeys_sameAsMapEntrySetInclusion(
      @ForAll("attrs") Map<String, String> a, @ForAll("attrs") Map<String, String> b) {
    assertEquals(
        a.entrySet().containsAll(b.entrySet()), SegmentKey.of(a).contains(SegmentKey.of(b)));
    assertEquals(a, SegmentKey.of(a).attributes());
  }

  @Provide
  Arbitrary<Map<String, String>> attrs() {
    return Arbitraries.maps(
            Arbitraries.of("a", "b", "c", "d", "e"), Arbitraries.of("1", "2"))
        .ofMaxSize(5);
  }
}
