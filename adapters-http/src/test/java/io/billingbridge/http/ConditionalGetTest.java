package io.billingbridge.http;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.MessageBodyWriter;
import jakarta.ws.rs.ext.Providers;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ConditionalGetTest {
    private static final byte[] BODY = "{\"plan\":\"pro\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void theTagCoversTheScopeAsWellAsTheBytes() {
        String tag = ConditionalGet.tag("customer user:user_a details", BODY);
        assertThat(tag).matches("[A-Za-z0-9_-]{43}");
        assertThat(ConditionalGet.tag("customer user:user_a details", BODY)).isEqualTo(tag);
        assertThat(ConditionalGet.tag("customer user:user_b details", BODY)).isNotEqualTo(tag);
        assertThat(ConditionalGet.tag("customer user:user_a plan", BODY)).isNotEqualTo(tag);
        assertThat(ConditionalGet.tag("customer user:user_a details",
                "{\"plan\":\"team\"}".getBytes(StandardCharsets.UTF_8))).isNotEqualTo(tag);
    }

    @Test
    void ifNoneMatchNamesTheTagInAListWeaklyOrNotAtAll() {
        assertThat(ConditionalGet.names("\"abc\"", "abc")).isTrue();
        assertThat(ConditionalGet.names("\"x\", W/\"abc\"", "abc")).isTrue();
        assertThat(ConditionalGet.names("\"abcd\"", "abc")).isFalse();
        assertThat(ConditionalGet.names("abc", "abc")).as("unquoted is not a tag").isFalse();
        assertThat(ConditionalGet.names("*", "abc")).as("* confirms nothing").isFalse();
        assertThat(ConditionalGet.names("", "abc")).isFalse();
        assertThat(ConditionalGet.names(null, "abc")).isFalse();
    }

    record Plan(String owner, List<String> entitlements) {
    }

    @Test
    void anEqualValueIsServedTheBodyRenderedBeforeAndAChangedOneIsRenderedAgainWithANewTag() {
        CountingJson json = new CountingJson();
        ConditionalGet conditional = new ConditionalGet(10);
        Response first = conditional.answer(json, Plan.class, new Plan("user_a", List.of("pro")), "customer user:user_a",
                null);
        Response again = conditional.answer(json, Plan.class, new Plan("user_a", List.of("pro")),
                "customer user:user_a", null);
        assertThat(json.renders).hasValue(1);
        assertThat(again.getEntity()).isSameAs(first.getEntity());
        assertThat(again.getEntityTag()).isEqualTo(first.getEntityTag());

        Response notModified = conditional.answer(json, Plan.class, new Plan("user_a", List.of("pro")),
                "customer user:user_a", '"' + first.getEntityTag().getValue() + '"');
        assertThat(notModified.getStatus()).isEqualTo(304);
        assertThat(notModified.hasEntity()).isFalse();

        Response changed = conditional.answer(json, Plan.class, new Plan("user_a", List.of("pro", "sso")),
                "customer user:user_a", '"' + first.getEntityTag().getValue() + '"');
        assertThat(changed.getStatus()).as("the old tag no longer matches").isEqualTo(200);
        assertThat(json.renders).hasValue(2);
        assertThat(new String((byte[]) changed.getEntity(), StandardCharsets.UTF_8)).contains("sso");
        assertThat(changed.getEntityTag()).isNotEqualTo(first.getEntityTag());
    }

    @Test
    void theSameSourceObjectIsAnsweredWithoutMakingTheEntityAndAnEqualEntityFromAnotherSourceIsNotRenderedAgain() {
        CountingJson json = new CountingJson();
        ConditionalGet conditional = new ConditionalGet(10);
        AtomicInteger made = new AtomicInteger();
        java.util.function.Function<List<String>, Plan> plan = entitlements -> {
            made.incrementAndGet();
            return new Plan("user_a", entitlements);
        };
        List<String> source = List.of("pro");
        Response first = conditional.answer(json, Plan.class, source, plan, "customer user:user_a", null);
        Response same = conditional.answer(json, Plan.class, source, plan, "customer user:user_a", null);
        assertThat(made).as("the same source: nothing made").hasValue(1);
        assertThat(same.getEntity()).isSameAs(first.getEntity());

        Response equal = conditional.answer(json, Plan.class, new java.util.ArrayList<>(source), plan,
                "customer user:user_a", null);
        assertThat(made).hasValue(2);
        assertThat(json.renders).as("an equal entity: not rendered again").hasValue(1);
        assertThat(equal.getEntityTag()).isEqualTo(first.getEntityTag());

        Response changed = conditional.answer(json, Plan.class, List.of("pro", "sso"), plan,
                "customer user:user_a", null);
        assertThat(json.renders).hasValue(2);
        assertThat(changed.getEntityTag()).isNotEqualTo(first.getEntityTag());
    }

    @Test
    void anotherScopeNeverGetsABodyOrTagRenderedForTheFirstEvenForAnEqualValue() {
        CountingJson json = new CountingJson();
        ConditionalGet conditional = new ConditionalGet(10);
        Plan same = new Plan("shared", List.of("pro"));
        Response a = conditional.answer(json, Plan.class, same, "customer user:user_a", null);
        Response b = conditional.answer(json, Plan.class, same, "customer user:user_b",
                '"' + a.getEntityTag().getValue() + '"');
        assertThat(b.getStatus()).isEqualTo(200);
        assertThat(b.getEntityTag()).isNotEqualTo(a.getEntityTag());
        assertThat(json.renders).hasValue(2);
    }

    @Test
    void withNoScopesKeptEveryAnswerIsRendered() {
        CountingJson json = new CountingJson();
        ConditionalGet conditional = new ConditionalGet(0);
        conditional.answer(json, Plan.class, new Plan("user_a", List.of()), "s", null);
        conditional.answer(json, Plan.class, new Plan("user_a", List.of()), "s", null);
        assertThat(json.renders).hasValue(2);
    }

    /** Providers whose only JSON writer writes a value's text and counts how often it did. */
    private static final class CountingJson implements Providers, MessageBodyWriter<Object> {
        final AtomicInteger renders = new AtomicInteger();

        @Override
        public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
            return true;
        }

        @Override
        public void writeTo(Object value, Class<?> type, Type genericType, Annotation[] annotations,
                MediaType mediaType, MultivaluedMap<String, Object> headers, OutputStream out)
                throws java.io.IOException {
            renders.incrementAndGet();
            out.write(value.toString().getBytes(StandardCharsets.UTF_8));
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> MessageBodyWriter<T> getMessageBodyWriter(Class<T> type, Type genericType,
                Annotation[] annotations, MediaType mediaType) {
            return (MessageBodyWriter<T>) this;
        }

        @Override
        public <T> MessageBodyReader<T> getMessageBodyReader(Class<T> type, Type genericType,
                Annotation[] annotations, MediaType mediaType) {
            return null;
        }

        @Override
        public <T extends Throwable> ExceptionMapper<T> getExceptionMapper(Class<T> type) {
            return null;
        }

        @Override
        public <T> ContextResolver<T> getContextResolver(Class<T> contextType, MediaType mediaType) {
            return null;
        }
    }
}
