package dev.cutover;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaConstructorCall;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import dev.cutover.commands.ActionHandler;
import dev.cutover.commands.ChatCommand;
import dev.cutover.commands.Responder;
import dev.cutover.commands.SwapActions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layout as a test: reads the compiled classes of {@code src/main} (every reference, not only
 * import lines: a fully qualified name in code counts too) and fails when the core reaches a
 * vendor, a feature folder reaches an adapter, a package other than {@code app} builds an adapter,
 * or two packages depend on each other.
 */
class ArchitectureTest {
    /** Where technology lives: only {@code app} picks and builds these. */
    private static final String[] ADAPTERS = {
        "dev.cutover.aws..",
        "dev.cutover.redis..",
        "dev.cutover.memory..",
        "dev.cutover.quartz..",
        "dev.cutover.chat..",
        "dev.cutover.sandbox..",
        "dev.cutover.app.."
    };

    /** The features: they use core ports and never know which adapter stands behind one. */
    private static final String[] FEATURES = {"dev.cutover.alert..", "dev.cutover.jobs..", "dev.cutover.commands.."};

    private static final Set<String> ADAPTER_ROOTS = Set.of("aws", "redis", "memory", "quartz", "chat", "sandbox");

    private static JavaClasses main;

    @BeforeAll
    static void importMain() {
        main = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.cutover");
    }

    @Test
    void coreKnowsNoVendorAndNoOuterPackage() {
        classes()
                .that()
                .resideInAPackage("dev.cutover.core..")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "dev.cutover.core..", "org.slf4j..", "org.jspecify..")
                .because("the core is vendor-free: Slack, AWS, Redis, Quartz, Undertow and Jackson live in adapters")
                .check(main);
    }

    @Test
    void featuresUseCorePortsNotAdapters() {
        noClasses()
                .that()
                .resideInAnyPackage(FEATURES)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(ADAPTERS)
                .because("app/ alone picks implementations; a feature depends on core ports")
                .check(main);
    }

    @Test
    void featuresKnowNoVendor() {
        noClasses()
                .that()
                .resideInAnyPackage(FEATURES)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "com.slack..", "software.amazon..", "redis.clients..", "org.quartz..", "io.undertow..")
                .check(main);
    }

    @Test
    void onlyAppBuildsAdaptersOfAnotherPackage() {
        classes()
                .that()
                .resideOutsideOfPackage("dev.cutover.app..")
                .should(notBuildAnAdapterOfAnotherPackage())
                .because("every `new` of an adapter happens in the composition root")
                .check(main);
    }

    @Test
    void topLevelPackagesAreFreeOfCycles() {
        slices().matching("dev.cutover.(*)..").should().beFreeOfCycles().check(main);
    }

    @Test
    void onlyTheEntryPointLivesAtTheTop() {
        noClasses()
                .that()
                .resideOutsideOfPackage("dev.cutover")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.cutover")
                .because("Main calls cli/, never the reverse")
                .check(main);
    }

    @Test
    void packagesAreFreeOfCycles() {
        slices().matching("dev.cutover.(**)").should().beFreeOfCycles().check(main);
    }

    /**
     * Slack needs its ack within 3 s, so a chat command's or button handler's pre-ack step ({@code
     * handle}, and every method it calls, in any class) reaches no port: no store, audit log,
     * directory, notifier, responder or AWS. What calls out is a follow-up (a lambda), which runs
     * after the ack.
     */
    @Test
    void preAckStepsOfChatCommandsReachNoPort() {
        List<String> violations = new ArrayList<>();
        Set<JavaClass> handlers = new HashSet<>(main.get(ChatCommand.class).getAllSubclasses());
        handlers.addAll(main.get(ActionHandler.class).getAllSubclasses());
        assertThat(handlers).extracting(JavaClass::getName).anyMatch(n -> n.startsWith(SwapActions.class.getName()));
        for (JavaClass command : handlers) {
            command.getMethods().stream()
                    .filter(m -> m.getName().equals("handle"))
                    .forEach(handle -> violations.addAll(portCallsReachableFrom(handle)));
        }
        assertThat(violations).isEmpty();
    }

    private static List<String> portCallsReachableFrom(JavaMethod start) {
        List<String> found = new ArrayList<>();
        Set<JavaMethod> seen = new HashSet<>();
        Deque<JavaMethod> todo = new ArrayDeque<>(List.of(start));
        while (!todo.isEmpty()) {
            JavaMethod m = todo.pop();
            if (!seen.add(m)) {
                continue;
            }
            for (JavaMethodCall call : m.getMethodCallsFromSelf()) {
                if (call.isDeclaredInLambda()) {
                    continue; // a follow-up: it runs after the ack
                }
                JavaClass owner = call.getTargetOwner();
                if (isPort(owner)) {
                    found.add(start.getFullName() + " reaches " + call.getDescription());
                } else if (owner.getPackageName().startsWith("dev.cutover.")) {
                    call.getTarget().resolveMember().ifPresent(todo::push);
                }
            }
        }
        return found;
    }

    /** A port: an interface of the core that is not a sealed value type, or the chat responder. */
    private static boolean isPort(JavaClass c) {
        return c.isInterface()
                        && c.getPackageName().startsWith("dev.cutover.core.")
                        && !c.reflect().isSealed()
                || c.isEquivalentTo(Responder.class);
    }

    /**
     * The same layering read from the import lines of the sources: the compiler inlines constants,
     * so an import used only for a constant leaves no trace in the class files.
     */
    @Test
    void importLinesFollowTheLayering() throws IOException {
        List<String> violations = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            files.filter(f -> f.toString().endsWith(".java")).forEach(f -> violations.addAll(importViolations(f)));
        }
        assertThat(violations).isEmpty();
    }

    private static final Pattern PACKAGE = Pattern.compile("(?m)^package ([a-z0-9_.]+);");
    private static final Pattern IMPORT = Pattern.compile("(?m)^import (?:static )?([A-Za-z0-9_.]+);");
    private static final List<String> VENDORS = List.of(
            "com.slack.", "software.amazon.", "redis.clients.", "org.quartz.", "io.undertow.", "com.fasterxml.");

    private static List<String> importViolations(Path file) {
        String src;
        try {
            src = Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Matcher pm = PACKAGE.matcher(src);
        String pkg = pm.find() ? pm.group(1) : "";
        String from = rootOf(pkg);
        List<String> out = new ArrayList<>();
        Matcher im = IMPORT.matcher(src);
        while (im.find()) {
            String imported = im.group(1);
            String to = imported.startsWith("dev.cutover.") ? rootOf(imported) : null;
            String where = file.getFileName() + " imports " + imported;
            if (to != null && to.isEmpty() && !from.isEmpty()) {
                out.add(where + " (only Main lives at the top; it calls cli/)");
            }
            if (from.equals("core")
                    && (to != null && !to.equals("core") || VENDORS.stream().anyMatch(imported::startsWith))) {
                out.add(where + " (the core knows no vendor and no outer package)");
            }
            boolean feature = Set.of("alert", "jobs", "commands").contains(from);
            if (feature && to != null && (ADAPTER_ROOTS.contains(to) || to.equals("app"))) {
                out.add(where + " (a feature uses core ports, not adapters)");
            }
        }
        return out;
    }

    /** The first package below {@code dev.cutover} of a package or class name; empty for the top. */
    private static String rootOf(String name) {
        if (!name.startsWith("dev.cutover.")) {
            return name.equals("dev.cutover") ? "" : name;
        }
        String first = name.substring("dev.cutover.".length()).split("\\.")[0];
        return Character.isUpperCase(first.charAt(0)) ? "" : first;
    }

    private static ArchCondition<JavaClass> notBuildAnAdapterOfAnotherPackage() {
        return new ArchCondition<>("not construct an adapter of another package") {
            @Override
            public void check(JavaClass caller, ConditionEvents events) {
                String from = root(caller);
                for (JavaConstructorCall call : caller.getConstructorCallsFromSelf()) {
                    JavaClass target = call.getTargetOwner();
                    String to = root(target);
                    if (ADAPTER_ROOTS.contains(to) && !to.equals(from)) {
                        events.add(SimpleConditionEvent.violated(call, call.getDescription()));
                    }
                }
            }
        };
    }

    /** The first package below {@code dev.cutover}, e.g. {@code aws}; empty for {@code Main}. */
    private static String root(JavaClass c) {
        String pkg = c.getPackageName();
        if (!pkg.startsWith("dev.cutover.")) {
            return "";
        }
        String rest = pkg.substring("dev.cutover.".length());
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }
}
