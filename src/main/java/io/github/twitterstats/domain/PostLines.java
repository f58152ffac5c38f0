package io.github.twitterstats.domain;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * The archive's file format: gzip-compressed JSON lines, one post per line, oldest first. The
 * order and the gzip header (no file name, modification time zero) are fixed, so the same posts
 * always give the same bytes and a re-run of a day is recognisably the same object.
 */
public final class PostLines {

    private PostLines() {
    }

    /** The posts once each (first copy of an id wins: pages may overlap), oldest first. */
    public static List<Post> distinctChronological(List<Post> posts) {
        Map<String, Post> byId = new LinkedHashMap<>();
        for (Post post : posts) {
            byId.putIfAbsent(post.id(), post);
        }
        return byId.values().stream().sorted(Post::chronologically).toList();
    }

    public static byte[] gzip(List<Post> posts) {
        List<Post> ordered = distinctChronological(posts);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256 + posts.size() * 512);
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            for (Post post : ordered) {
                gzip.write(post.json().getBytes(StandardCharsets.UTF_8));
                gzip.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot compress posts in memory", e);
        }
        return bytes.toByteArray();
    }
}
