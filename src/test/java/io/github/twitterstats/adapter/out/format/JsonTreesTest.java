package io.github.twitterstats.adapter.out.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** How the outbound adapters read an answer and write a line: the tree databind's used to be. */
class JsonTreesTest {

    @Test
    void aBlankBodyIsNoDocumentAndBrokenJsonIsAnError() throws IOException {
        assertThat(JsonTrees.read(null)).isNull();
        assertThat(JsonTrees.read("  ")).isNull();
        assertThatThrownBy(() -> JsonTrees.read("{\"data\":")).isInstanceOf(IOException.class);
    }

    @Test
    void aMemberNamedTwiceKeepsItsLastValue() throws IOException {
        assertThat(JsonTrees.member(JsonTrees.read("{\"n\":1,\"n\":2}"), "n")).isEqualTo(2);
    }

    @Test
    void aCountIsANonNegativeIntegerThatFitsALongAndNothingElse() throws IOException {
        Map<String, Object> counts = JsonTrees.object(JsonTrees.read("{\"small\":7,\"large\":9007199254740993,"
                + "\"negative\":-1,\"fraction\":1.5,\"huge\":92233720368547758070,\"text\":\"7\",\"none\":null}"));

        assertThat(JsonTrees.count(counts, "small")).hasValue(7);
        assertThat(JsonTrees.count(counts, "large")).hasValue(9_007_199_254_740_993L);
        for (String notACount : List.of("negative", "fraction", "huge", "text", "none", "absent")) {
            assertThat(JsonTrees.count(counts, notACount)).as(notACount).isEqualTo(OptionalLong.empty());
        }
    }

    @Test
    void textIsAScalarAsWrittenAndNothingForAnObjectAnArrayOrNull() throws IOException {
        Object node = JsonTrees.read("{\"s\":\"x\",\"n\":12,\"b\":true,\"o\":{},\"a\":[],\"z\":null}");

        assertThat(JsonTrees.text(node, "s")).isEqualTo("x");
        assertThat(JsonTrees.text(node, "n")).isEqualTo("12");
        assertThat(JsonTrees.text(node, "b")).isEqualTo("true");
        assertThat(JsonTrees.text(node, "o")).isNull();
        assertThat(JsonTrees.text(node, "a")).isNull();
        assertThat(JsonTrees.text(node, "z")).isNull();
        assertThat(JsonTrees.text("not an object", "s")).isNull();
    }

    @Test
    void aLineKeepsMemberOrderAndWritesNulls() throws IOException {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("b", 1);
        line.put("a", null);
        line.put("list", List.of("x", 2));

        assertThat(JsonTrees.write(line)).isEqualTo("{\"b\":1,\"a\":null,\"list\":[\"x\",2]}");
        assertThat(JsonTrees.show(JsonTrees.read("{\"k\":[1,{\"v\":null}]}"))).isEqualTo("{\"k\":[1,{\"v\":null}]}");
    }
}
