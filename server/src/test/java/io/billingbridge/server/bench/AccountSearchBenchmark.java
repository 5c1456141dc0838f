package io.billingbridge.server.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.MetricRegistry;
import io.billingbridge.core.admin.AccountSearchPage;
import io.billingbridge.core.admin.AdminIdentity;
import io.billingbridge.core.admin.AdminScope;
import io.billingbridge.core.admin.SearchAccounts;
import io.billingbridge.core.audit.AuditEntry;
import io.billingbridge.core.audit.AuditLog;
import io.billingbridge.core.audit.AuditPosition;
import io.billingbridge.core.audit.Auditor;
import io.billingbridge.core.audit.SequencedAuditEntry;
import io.billingbridge.core.owner.Owner;
import io.billingbridge.db.AccountSearchDao;
import io.billingbridge.db.DatabaseMigrations;
import io.billingbridge.db.Databases;
import io.billingbridge.db.JdbiAccountSearch;
import io.billingbridge.db.JdbiAuditLog;
import io.billingbridge.db.testing.TestDatabases;
import io.billingbridge.server.DatabaseSettings;
import io.dropwizard.db.ManagedDataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * The admin account search at a million accounts: loads them with {@code COPY} into an embedded PostgreSQL, applies
 * the search migration (V10) on the full table, then times exact, prefix and contains searches through
 * {@link SearchAccounts} and {@link JdbiAccountSearch} (the endpoint's code) on a pooled connection as the server
 * uses, the audit row apart, and prints each kind's query plan. Not a timed test: run on demand with
 * {@code mvn -B -o -q -pl server test -Dtest=AccountSearchBenchmark -Dbenchmark=true} (docs/benchmarks.md).
 */
@Tag("benchmark")
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
class AccountSearchBenchmark {
    private static final int ACCOUNTS = Integer.getInteger("benchmark.accounts", 1_000_000);
    private static final int QUERIES_PER_KIND = 400;
    private static final int WARM_UP_PER_KIND = 100;
    private static final int SAMPLE_EVERY = 250;
    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final String[] FIRST = {"James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael",
        "Linda", "David", "Elizabeth", "William", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah",
        "Charles", "Karen", "Christopher", "Lisa", "Daniel", "Nancy", "Matthew", "Betty", "Anthony", "Margaret", "Mark",
        "Sandra", "Donald", "Ashley", "Steven", "Kimberly", "Paul", "Emily", "Andrew", "Donna", "Joshua", "Michelle",
        "Kenneth", "Carol", "Kevin", "Amanda", "Brian", "Dorothy", "George", "Melissa", "Timothy", "Deborah", "Ronald",
        "Stephanie", "Edward", "Rebecca", "Jason", "Sharon", "Jeffrey", "Laura", "Ryan", "Cynthia", "Jacob", "Kathleen",
        "Gary", "Amy", "Nicholas", "Angela", "Eric", "Shirley", "Jonathan", "Anna", "Stephen", "Brenda", "Larry",
        "Pamela", "Justin", "Emma", "Scott", "Nicole", "Brandon", "Helen", "Benjamin", "Samantha", "Samuel",
        "Katherine", "Gregory", "Christine", "Alexander", "Debra", "Frank", "Rachel", "Patrick", "Carolyn", "Raymond",
        "Janet", "Jack", "Catherine", "Dennis", "Maria", "Jerry", "Heather", "Tyler", "Diane", "Aaron", "Ruth", "Jose",
        "Julie", "Adam", "Olivia", "Nathan", "Joyce", "Henry", "Virginia", "Zachary", "Victoria", "Douglas", "Kelly",
        "Peter", "Lauren", "Kyle", "Christina", "Noah", "Joan", "Ethan", "Evelyn", "Jeremy", "Judith", "Walter",
        "Megan", "Christian", "Andrea", "Keith", "Cheryl", "Roger", "Hannah", "Terry", "Jacqueline", "Austin", "Martha",
        "Sean", "Gloria", "Gerald", "Teresa", "Carl", "Ann", "Harold", "Sara", "Dylan", "Madison", "Arthur", "Frances",
        "Lawrence", "Kathryn", "Jordan", "Janice", "Jesse", "Jean", "Bryan", "Abigail", "Billy", "Alice", "Bruce",
        "Judy", "Gabriel", "Sophia", "Joe", "Grace", "Logan", "Denise", "Alan", "Amber", "Juan", "Doris", "Albert",
        "Marilyn", "Willie", "Danielle", "Elijah", "Beverly", "Wayne", "Isabella", "Randy", "Theresa", "Vincent",
        "Diana", "Mason", "Natalie", "Roy", "Brittany", "Ralph", "Charlotte", "Bobby", "Marie", "Russell", "Kayla",
        "Bradley", "Alexis", "Philip", "Lori", "Yuki", "Mei", "Priya", "Arjun", "Fatima", "Omar", "Lukas", "Sofia"};
    private static final String[] LAST = {"Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller",
        "Davis", "Rodriguez", "Martinez", "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor",
        "Moore", "Jackson", "Martin", "Lee", "Perez", "Thompson", "White", "Harris", "Sanchez", "Clark", "Ramirez",
        "Lewis", "Robinson", "Walker", "Young", "Allen", "King", "Wright", "Scott", "Torres", "Nguyen", "Hill",
        "Flores", "Green", "Adams", "Nelson", "Baker", "Hall", "Rivera", "Campbell", "Mitchell", "Carter", "Roberts",
        "Gomez", "Phillips", "Evans", "Turner", "Diaz", "Parker", "Cruz", "Edwards", "Collins", "Reyes", "Stewart",
        "Morris", "Morales", "Murphy", "Cook", "Rogers", "Gutierrez", "Ortiz", "Morgan", "Cooper", "Peterson",
        "Bailey", "Reed", "Kelly", "Howard", "Ramos", "Kim", "Cox", "Ward", "Richardson", "Watson", "Brooks", "Chavez",
        "Wood", "James", "Bennett", "Gray", "Mendoza", "Ruiz", "Hughes", "Price", "Alvarez", "Castillo", "Sanders",
        "Patel", "Myers", "Long", "Ross", "Foster", "Jimenez", "Powell", "Jenkins", "Perry", "Russell", "Sullivan",
        "Bell", "Coleman", "Butler", "Henderson", "Barnes", "Gonzales", "Fisher", "Vasquez", "Simmons", "Romero",
        "Jordan", "Patterson", "Alexander", "Hamilton", "Graham", "Reynolds", "Griffin", "Wallace", "Moreno", "West",
        "Cole", "Hayes", "Bryant", "Herrera", "Gibson", "Ellis", "Tran", "Medina", "Aguilar", "Stevens", "Murray",
        "Ford", "Castro", "Marshall", "Owens", "Harrison", "Fernandez", "McDonald", "Woods", "Washington", "Kennedy",
        "Wells", "Vargas", "Henry", "Chen", "Freeman", "Webb", "Tucker", "Guzman", "Burns", "Crawford", "Olson",
        "Simpson", "Porter", "Hunter", "Gordon", "Mendez", "Silva", "Shaw", "Snyder", "Mason", "Dixon", "Munoz", "Hunt",
        "Hicks", "Holmes", "Palmer", "Wagner", "Black", "Robertson", "Boyd", "Rose", "Stone", "Salazar", "Fox",
        "Warren", "Mills", "Meyer", "Rice", "Schmidt", "Garza", "Daniels", "Ferguson", "Nichols", "Stephens", "Soto",
        "Weaver", "Ryan", "Gardner", "Payne", "Grant", "Dunn", "Kelley", "Spencer", "Hawkins", "Arnold", "Pierce",
        "Yamamoto", "Kowalski", "Novak", "Schneider", "Fischer", "Rossi", "Bianchi", "Dubois", "Lefebvre", "Okafor"};
    private static final String[] DOMAINS = {"gmail.com", "outlook.com", "yahoo.com", "icloud.com", "proton.me",
        "hotmail.com", "gmx.de", "mail.com", "fastmail.com", "aol.com", "example.com", "acme.io", "globex.com",
        "initech.com", "umbrella.co", "hooli.xyz", "stark.dev", "wayne.biz", "wonka.org", "tyrell.ai"};
    private static final String[] ORG_SUFFIX = {"Labs", "Industries", "GmbH", "Ltd", "Inc", "Studio", "Partners",
        "Systems", "Health", "Capital", "Logistics", "Software", "Foods", "Media", "Energy"};
    private static final String[] PRODUCTS = {"Starter", "Pro", "Team", "Business", "Enterprise"};
    private static final String[] STATUSES = {"active", "active", "active", "trialing", "past_due", "canceled"};
    private static final Pattern INDEX = Pattern.compile("Index (?:Only )?Scan (?:Backward )?(?:using|on) (\\w+)");

    /** One generated account kept to build queries from. */
    private record Sample(String ownerId, String customerId, String name, String email) {
    }

    @Test
    void measure() throws Exception {
        String database = "search_bench_" + System.nanoTime();
        try (Connection c = TestDatabases.server().getPostgresDatabase().getConnection();
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + database);
        }
        DatabaseSettings settings = new DatabaseSettings();
        settings.setUrl(TestDatabases.jdbcUrl(database));
        settings.setUser("postgres");
        ManagedDataSource dataSource = settings.toDataSourceFactory().build(new MetricRegistry(), "bench");
        try {
            run(dataSource);
        } finally {
            dataSource.stop();
        }
    }

    private void run(ManagedDataSource dataSource) throws Exception {
        StringBuilder report = new StringBuilder();
        MigrationVersion beforeSearch = Arrays.stream(Flyway.configure().dataSource(dataSource)
                        .locations("classpath:db/migration").load().info().all())
                .map(MigrationInfo::getVersion).filter(v -> v.compareTo(MigrationVersion.fromVersion("10")) < 0)
                .max(MigrationVersion::compareTo).orElseThrow();
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").target(beforeSearch).load()
                .migrate();

        long start = System.nanoTime();
        List<Sample> samples = load(dataSource);
        long loaded = System.nanoTime();
        new DatabaseMigrations(dataSource).migrate();
        long indexed = System.nanoTime();
        Jdbi jdbi = Databases.jdbi(dataSource);
        jdbi.useHandle(h -> h.execute("VACUUM ANALYZE"));
        int vacuums = 1;
        while (!allVisible(jdbi)) {
            assertThat(vacuums).as("VACUUM marks every page of billing_accounts all-visible").isLessThan(60);
            jdbi.useHandle(h -> h.execute("VACUUM billing_accounts"));
            vacuums++;
        }
        long analyzed = System.nanoTime();
        AdminIdentity admin = new AdminIdentity("benchmark", Set.of(AdminScope.READ));
        AtomicLong audited = new AtomicLong();
        long total = jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM billing_accounts").mapTo(Long.class).one());
        long withSnapshot = jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM customer_snapshots")
                .mapTo(Long.class).one());
        report.append(String.format(Locale.ROOT, "Account search, %d cores; %,d accounts (%,d with a snapshot): COPY "
                        + "%.1f s, migration V10 (search indexes) %.1f s, VACUUM ANALYZE %.1f s (VACUUM run %d times "
                        + "until every page was all-visible)%n",
                Runtime.getRuntime().availableProcessors(), total, withSnapshot, seconds(loaded - start),
                seconds(indexed - loaded), seconds(analyzed - indexed), vacuums));

        SearchAccounts search = new SearchAccounts(new JdbiAccountSearch(jdbi), new Auditor(new AuditLog() {
            @Override
            public void record(AuditEntry entry) {
                audited.incrementAndGet();
            }

            @Override
            public List<AuditEntry> latest(int limit) {
                return List.of();
            }

            @Override
            public List<SequencedAuditEntry> about(Owner owner, Optional<AuditPosition> before, int limit) {
                return List.of();
            }
        }, Clock.systemUTC()));
        Random random = new Random(7);
        Map<String, List<String>> kinds = new LinkedHashMap<>();
        kinds.put("exact", queries(samples, random, AccountSearchBenchmark::exactQuery));
        kinds.put("prefix", queries(samples, random, AccountSearchBenchmark::prefixQuery));
        kinds.put("contains", queries(samples, random, AccountSearchBenchmark::containsQuery));

        for (List<String> queries : kinds.values()) {
            for (String q : queries.subList(0, WARM_UP_PER_KIND)) {
                search.search(admin, Optional.of(q), Optional.empty(), Optional.empty());
            }
        }
        report.append(String.format(Locale.ROOT, "%d searches per kind (a page of 25, all tiers it needs), after %d "
                + "warm-up searches per kind; milliseconds%n", QUERIES_PER_KIND, WARM_UP_PER_KIND));
        report.append(String.format(Locale.ROOT, "%-9s %7s %7s %7s %7s  %s%n", "kind", "p50", "p90", "p99", "max",
                "hits per page: empty / 1-24 / 25 with more"));
        StringBuilder slowest = new StringBuilder();
        for (Map.Entry<String, List<String>> kind : kinds.entrySet()) {
            List<Double> millis = new ArrayList<>();
            Map<String, Double> byText = new LinkedHashMap<>();
            int[] pages = new int[3];
            for (String q : kind.getValue().subList(WARM_UP_PER_KIND, kind.getValue().size())) {
                long t0 = System.nanoTime();
                AccountSearchPage page = search.search(admin, Optional.of(q), Optional.empty(), Optional.empty());
                millis.add((System.nanoTime() - t0) / 1e6);
                byText.merge(q, millis.get(millis.size() - 1), Math::max);
                pages[page.hits().isEmpty() ? 0 : page.hasMore() ? 2 : 1]++;
                if (kind.getKey().equals("exact")) {
                    assertThat(page.hits()).as("exact search for a stored value: %s", q).isNotEmpty();
                }
            }
            Collections.sort(millis);
            report.append(String.format(Locale.ROOT, "%-9s %7.2f %7.2f %7.2f %7.2f  %d / %d / %d%n", kind.getKey(),
                    percentile(millis, 50), percentile(millis, 90), percentile(millis, 99),
                    millis.get(millis.size() - 1), pages[0], pages[1], pages[2]));
            slowest.append(String.format(Locale.ROOT, "slowest %s searches:", kind.getKey()));
            byText.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(5)
                    .forEach(e -> slowest.append(String.format(Locale.ROOT, " %s (%.1f)", e.getKey(), e.getValue())));
            slowest.append('\n');
        }
        report.append(slowest);

        assertThat(audited.get()).as("every search audited").isEqualTo(3L * (WARM_UP_PER_KIND + QUERIES_PER_KIND));
        List<Double> auditWrites = new ArrayList<>();
        JdbiAuditLog auditLog = new JdbiAuditLog(jdbi);
        for (int i = 0; i < 200; i++) {
            long t0 = System.nanoTime();
            auditLog.record(new AuditEntry(Instant.now(), admin.actor(), Optional.empty(), "admin.accounts.search",
                    "allowed", "hits=25", Optional.empty()));
            auditWrites.add((System.nanoTime() - t0) / 1e6);
        }
        Collections.sort(auditWrites);
        report.append(String.format(Locale.ROOT, "%-9s %7.2f %7.2f %7.2f %7.2f  (the audit row each search also "
                        + "writes, committed on its own)%n", "audit", percentile(auditWrites, 50),
                percentile(auditWrites, 90), percentile(auditWrites, 99), auditWrites.get(auditWrites.size() - 1)));

        Sample one = samples.get(samples.size() / 2);
        String email = one.email().toUpperCase(Locale.ROOT);
        String lastName = one.name().substring(one.name().indexOf(' ') + 1);
        explain(report, jdbi, "exact tier, an email in capitals", List.of(), h -> h.createQuery(
                "EXPLAIN (ANALYZE, COSTS OFF) " + AccountSearchDao.EXACT_PAGE).bind("q", email)
                .bind("types", new String[] {"organization", "user"}).bind("afterType", "").bind("afterId", "")
                .bind("limit", 26));
        String local = one.email().substring(0, one.email().indexOf('@'));
        explainTier(report, jdbi, "prefix tier, the start of a name", AccountSearchDao.PREFIX,
                one.name().substring(0, 5), true);
        explainTier(report, jdbi, "prefix tier, the start of an email", AccountSearchDao.PREFIX,
                one.email().substring(0, 9), false);
        explainTier(report, jdbi, "contains tier, part of a last name", AccountSearchDao.CONTAINS,
                lastName.substring(1, Math.min(lastName.length(), 6)), true);
        explainTier(report, jdbi, "contains tier, the end of an email's local part", AccountSearchDao.CONTAINS,
                local.substring(Math.max(0, local.length() - 6)), false);
        System.out.print(report);
    }

    /**
     * Whether the visibility map marks every page of the accounts table all-visible, as autovacuum keeps it; a VACUUM
     * right after the load may not, while an automatic ANALYZE of another table still holds an older snapshot.
     */
    private static boolean allVisible(Jdbi jdbi) {
        return jdbi.withHandle(h -> h.createQuery("SELECT relallvisible >= relpages FROM pg_class "
                + "WHERE oid = 'billing_accounts'::regclass").mapTo(Boolean.class).one());
    }

    /**
     * The plan of a prefix or contains page among users, as {@link JdbiAccountSearch} runs it: the short walk in
     * owner order, or the matches collected through the indexes (after a walk found too few).
     */
    private static void explainTier(StringBuilder report, Jdbi jdbi, String what, String condition, String q,
            boolean walk) {
        String like = q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        explain(report, jdbi, String.format(Locale.ROOT, "%s (%s), %s", what, q,
                        walk ? "the short walk in owner order" : "collected through the indexes"),
                walk ? List.of(AccountSearchDao.WALKING)
                        : List.of(AccountSearchDao.WALKING, AccountSearchDao.THROUGH_INDEXES),
                h -> h.createQuery("EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) "
                        + (walk ? AccountSearchDao.WALK : AccountSearchDao.COLLECTED)).define("condition", condition)
                        .bind("q", q).bind("types", new String[] {"user"}).bind("like", like).bind("type", "user")
                        .bind("afterId", "").bind("walk", JdbiAccountSearch.SHORT_WALK).bind("limit", 26));
    }

    private static void explain(StringBuilder report, Jdbi jdbi, String what, List<String> settings,
            Function<Handle, Query> query) {
        List<String> plan = jdbi.inTransaction(h -> {
            settings.forEach(setting -> h.createQuery(setting).mapTo(String.class).list());
            return query.apply(h).mapTo(String.class).list();
        });
        TreeSet<String> indexes = new TreeSet<>();
        for (String line : plan) {
            Matcher m = INDEX.matcher(line);
            while (m.find()) {
                indexes.add(m.group(1));
            }
        }
        report.append(String.format(Locale.ROOT, "%nPlan of the %s; indexes used: %s%n", what, indexes));
        plan.forEach(line -> report.append("  ").append(line).append('\n'));
        assertThat(indexes).as("the %s query uses an index", what).isNotEmpty();
    }

    private static List<String> queries(List<Sample> samples, Random random, QueryMaker maker) {
        List<String> queries = new ArrayList<>();
        for (int i = 0; i < WARM_UP_PER_KIND + QUERIES_PER_KIND; i++) {
            queries.add(maker.make(samples.get(random.nextInt(samples.size())), i, random));
        }
        return queries;
    }

    /** One search text made from a stored account. */
    @FunctionalInterface
    private interface QueryMaker {
        String make(Sample sample, int i, Random random);
    }

    /** An owner id, a customer id or an email in other case, as support pastes them. */
    private static String exactQuery(Sample s, int i, Random random) {
        return switch (i % 3) {
            case 0 -> s.ownerId();
            case 1 -> s.customerId() != null ? s.customerId() : s.ownerId();
            default -> s.email().toUpperCase(Locale.ROOT);
        };
    }

    /** The start of an owner id, a customer id, an email or a name. */
    private static String prefixQuery(Sample s, int i, Random random) {
        return switch (i % 4) {
            case 0 -> s.ownerId().substring(0, s.ownerId().indexOf('_') + 4 + random.nextInt(6));
            case 1 -> s.customerId() != null ? s.customerId().substring(0, 8 + random.nextInt(4))
                    : s.email().substring(0, 4 + random.nextInt(5));
            case 2 -> s.email().substring(0, 4 + random.nextInt(5));
            default -> s.name().substring(0, Math.min(s.name().length(), 3 + random.nextInt(6)));
        };
    }

    /** Part of a last name, of an email's local part, or of its domain. */
    private static String containsQuery(Sample s, int i, Random random) {
        String text = switch (i % 3) {
            case 0 -> s.name().substring(s.name().indexOf(' ') + 1);
            case 1 -> s.email().substring(0, s.email().indexOf('@'));
            default -> s.email().substring(s.email().indexOf('@') + 1);
        };
        int length = Math.min(text.length() - 1, 4 + random.nextInt(3));
        int from = 1 + random.nextInt(Math.max(1, text.length() - length));
        return text.substring(from, Math.min(text.length(), from + length));
    }

    /** Loads the accounts and the snapshots of about 30% of them with COPY; returns every 250th account. */
    private static List<Sample> load(ManagedDataSource dataSource) throws Exception {
        Random random = new Random(42);
        List<Sample> samples = new ArrayList<>();
        List<String[]> snapshots = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            PGConnection pg = connection.unwrap(PGConnection.class);
            CopyIn accounts = pg.getCopyAPI().copyIn("COPY billing_accounts (owner_type, owner_id, customer_id, "
                    + "profile_name, profile_email, sync_state, created_at, updated_at) FROM STDIN");
            StringBuilder batch = new StringBuilder();
            for (int i = 0; i < ACCOUNTS; i++) {
                boolean org = random.nextInt(5) == 0;
                String ownerId = (org ? "org_" : "user_") + randomId(random, 27);
                double state = random.nextDouble();
                String syncState = state < 0.85 ? "active" : state < 0.95 ? "pending" : "deleted";
                String customer = syncState.equals("pending") ? null : "cus_" + randomId(random, 14);
                String first = FIRST[random.nextInt(FIRST.length)];
                String last = LAST[random.nextInt(LAST.length)];
                String name = org ? last + " " + ORG_SUFFIX[random.nextInt(ORG_SUFFIX.length)] : first + " " + last;
                String email = org
                        ? "billing@" + last.toLowerCase(Locale.ROOT) + random.nextInt(10_000) + ".com"
                        : first.toLowerCase(Locale.ROOT) + (random.nextBoolean() ? "." : "") + last.toLowerCase(
                                Locale.ROOT) + random.nextInt(1_000) + "@" + DOMAINS[random.nextInt(DOMAINS.length)];
                batch.append(org ? "organization" : "user").append('\t').append(ownerId).append('\t')
                        .append(customer == null ? "\\N" : customer).append('\t').append(name).append('\t')
                        .append(email).append('\t').append(syncState)
                        .append("\t2026-01-01 00:00:00+00\t2026-11-01 00:00:00+00\n");
                if (syncState.equals("active") && random.nextInt(100) < 35) {
                    snapshots.add(new String[] {customer, org ? "organization" : "user", ownerId,
                        snapshot(customer, random)});
                }
                if (i % SAMPLE_EVERY == 0) {
                    samples.add(new Sample(ownerId, customer, name, email));
                }
                if (batch.length() > 1 << 20) {
                    write(accounts, batch);
                }
            }
            write(accounts, batch);
            accounts.endCopy();

            CopyIn copy = pg.getCopyAPI().copyIn("COPY customer_snapshots (customer_id, owner_type, owner_id, "
                    + "snapshot, synced_at, dirty) FROM STDIN");
            for (String[] row : snapshots) {
                batch.append(row[0]).append('\t').append(row[1]).append('\t').append(row[2]).append('\t')
                        .append(row[3]).append("\t2026-11-28 12:00:00+00\tf\n");
                if (batch.length() > 1 << 20) {
                    write(copy, batch);
                }
            }
            write(copy, batch);
            copy.endCopy();
        }
        return samples;
    }

    /** A stored snapshot (format V1) with one or two subscriptions of one or two items. */
    private static String snapshot(String customer, Random random) {
        StringBuilder subscriptions = new StringBuilder();
        int count = 1 + (random.nextInt(5) == 0 ? 1 : 0);
        for (int s = 0; s < count; s++) {
            StringBuilder items = new StringBuilder();
            int itemCount = 1 + (random.nextInt(4) == 0 ? 1 : 0);
            for (int i = 0; i < itemCount; i++) {
                String product = PRODUCTS[random.nextInt(PRODUCTS.length)];
                items.append(i == 0 ? "" : ",").append("{\"id\":\"si_").append(randomId(random, 14))
                        .append("\",\"priceId\":\"price_").append(product.toLowerCase(Locale.ROOT))
                        .append("\",\"lookupKey\":null,\"productId\":\"prod_").append(product.toLowerCase(Locale.ROOT))
                        .append("\",\"productName\":\"").append(product).append("\",\"quantity\":1,\"unitAmount\":"
                                + "{\"amount\":1900,\"currency\":\"usd\"},\"interval\":\"month\","
                                + "\"currentPeriodStart\":\"2026-11-01T00:00:00Z\","
                                + "\"currentPeriodEnd\":\"2026-12-01T00:00:00Z\",\"quantityRule\":null}");
            }
            subscriptions.append(s == 0 ? "" : ",").append("{\"id\":\"sub_").append(randomId(random, 14))
                    .append("\",\"status\":\"").append(STATUSES[random.nextInt(STATUSES.length)])
                    .append("\",\"items\":[").append(items).append("],\"cancelAtPeriodEnd\":false,\"trialEnd\":null,"
                            + "\"canceledAt\":null,\"created\":\"2026-01-01T00:00:00Z\",\"live\":true}");
        }
        return "{\"formatVersion\":1,\"customerId\":{\"value\":\"" + customer + "\"},\"subscriptions\":["
                + subscriptions + "],\"invoices\":[],\"payments\":[],\"paymentMethods\":[],\"entitlements\":[],"
                + "\"syncedAt\":\"2026-11-28T12:00:00Z\"}";
    }

    private static void write(CopyIn copy, StringBuilder batch) throws Exception {
        byte[] bytes = batch.toString().getBytes(StandardCharsets.UTF_8);
        copy.writeToCopy(bytes, 0, bytes.length);
        batch.setLength(0);
    }

    private static String randomId(Random random, int length) {
        char[] id = new char[length];
        for (int i = 0; i < length; i++) {
            id[i] = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
        }
        return new String(id);
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static double percentile(List<Double> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
