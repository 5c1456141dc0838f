package io.billingbridge.core.admin;

import io.billingbridge.core.error.InvalidRequest;
import io.billingbridge.core.owner.Owner;
import io.billingbridge.core.owner.OwnerType;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import java.util.zip.CRC32;

/**
 * Where the next page of an account search starts: after this owner, in this tier, of this search.
 *
 * <p>On the wire it is opaque: base64url of the version, the tier, the owner and a checksum of the search text,
 * so a cursor that was altered, or that belongs to another search, is refused instead of paging somewhere else.
 *
 * @param tier the tier of the last account shown
 * @param after the last account shown
 */
public record SearchCursor(MatchTier tier, Owner after) {
    private static final String VERSION = "1";
    private static final String SEPARATOR = "\n";
    private static final int MAX_LENGTH = 512;

    public SearchCursor {
        Objects.requireNonNull(tier, "tier");
        Objects.requireNonNull(after, "after");
    }

    /** The opaque text for this cursor of this search. */
    public String encode(SearchTerm term) {
        String plain = String.join(SEPARATOR, VERSION, tier.wireName(), after.type().wireName(), after.id(),
                checksum(term));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Reads a cursor this search returned.
     *
     * @throws InvalidRequest {@code cursor_invalid} when the text is not a cursor of this search
     */
    public static SearchCursor decode(String text, SearchTerm term) {
        try {
            if (text.length() > MAX_LENGTH) {
                throw invalid();
            }
            String[] parts = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8)
                    .split(SEPARATOR, -1);
            if (parts.length != 5 || !VERSION.equals(parts[0]) || !checksum(term).equals(parts[4])) {
                throw invalid();
            }
            MatchTier tier = MatchTier.fromWireName(parts[1]).filter(term.tiers()::contains).orElseThrow(
                    SearchCursor::invalid);
            OwnerType type = OwnerType.fromWireName(parts[2]).orElseThrow(SearchCursor::invalid);
            return new SearchCursor(tier, Owner.of(type, parts[3]));
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
    }

    private static String checksum(SearchTerm term) {
        CRC32 crc = new CRC32();
        crc.update(term.text().getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().toHexDigits((int) crc.getValue());
    }

    private static InvalidRequest invalid() {
        return new InvalidRequest("cursor_invalid",
                "the cursor is not one this search returned; start again without it", "cursor");
    }
}
