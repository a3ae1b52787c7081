package dev.cutover.commands;

import static dev.cutover.core.traffic.ShiftFixture.APPROVER;
import static dev.cutover.core.traffic.ShiftFixture.CHANNEL;
import static dev.cutover.core.traffic.ShiftFixture.PAIR;
import static dev.cutover.core.traffic.ShiftFixture.REQUESTER;
import static dev.cutover.core.traffic.ShiftFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.core.chat.Block;
import dev.cutover.core.chat.Button;
import dev.cutover.core.chat.Message;
import dev.cutover.core.chat.MessageLimits;
import dev.cutover.core.traffic.Shift;
import dev.cutover.core.traffic.ShiftFixture;
import dev.cutover.core.traffic.ShiftPlan;
import dev.cutover.core.traffic.ShiftService;
import dev.cutover.memory.InMemoryApprovalStore;
import dev.cutover.testing.MutableClock;
import dev.cutover.testing.RecordingNotifier;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** {@code /shift}: parsed before the ack in memory; the message and buttons render the stored shift. */
class ShiftCommandTest {
    final MutableClock clock = new MutableClock(T0);
    final InMemoryApprovalStore approvals = new InMemoryApprovalStore();
    final ShiftFixture f =
            new ShiftFixture(approvals.shifts(), approvals, ShiftFixture.allBlue(), clock, ShiftPlan.OnAlarm.REVERT);
    final RecordingNotifier notifier = new RecordingNotifier();
    final ShiftCommand command = new ShiftCommand(Set.of(PAIR), f.service, notifier, clock);
    final List<Message> answers = new CopyOnWriteArrayList<>();
    final Responder responder = new Responder() {
        @Override
        public void ephemeral(Message message) {
            answers.add(message);
        }

        @Override
        public void replaceOriginal(Message message) {
            answers.add(message);
        }
    };

    CommandResult run(String text, String user) {
        return command.handle(new Invocation("shift", text, user, CHANNEL, responder));
    }

    /** {@code user} clicks the shift's button {@code action}; its follow-up runs, answering into {@link #answers}. */
    void click(ShiftService service, String action, String shiftId, String user) {
        ActionHandler h = ShiftActions.all(service).stream()
                .filter(a -> a.actionId().equals(action))
                .findFirst()
                .orElseThrow();
        h.handle(new ActionInvocation(action, shiftId, user, CHANNEL, null, null, responder))
                .followUp()
                .run();
    }

    @Test
    void anUnknownPairIsAnsweredBeforeTheAckWithThePairsThatHaveTraffic() {
        CommandResult r = run("*nope*", REQUESTER);

        assertThat(r.followUp()).isNull();
        assertThat(r.ephemeral().text())
                .isEqualTo(
                        ":no_entry: Unknown pair `*nope*` for `/shift`: it needs a pair with `traffic:` in the config."
                                + " Pairs with traffic: `web`.");
    }

    @Test
    void aConfiguredPairWithoutTrafficIsAnsweredAsSuchNotAsUnknown() {
        ShiftCommand withApi = new ShiftCommand(Set.of(PAIR), List.of(PAIR, "api"), f.service, notifier, clock);

        CommandResult r = withApi.handle(new Invocation("shift", "api", REQUESTER, CHANNEL, responder));

        assertThat(r.followUp()).isNull();
        assertThat(r.ephemeral().text())
                .isEqualTo(":no_entry: The pair `api` has no `traffic:` section in the config, so `/shift` cannot"
                        + " move its traffic in steps (`/swap api` switches it at once). Pairs with traffic: `web`.");
    }

    @Test
    void aGuardAlarmsTimeInTheWhyLineIsShownAsASlackDateNotAnIsoTimestamp() {
        Shift s = f.started();
        java.time.Instant since = java.time.Instant.parse("2026-12-06T01:07:35.348Z");
        Shift halted =
                s.ended(dev.cutover.core.traffic.ShiftState.HALTED, "guard alarm web-5xx is ALARM since " + since);

        String shown = ShiftMessages.render(halted, clock.instant()).blocks().toString();

        assertThat(shown)
                .contains("*Why:* guard alarm web-5xx is ALARM since " + dev.cutover.reply.Mrkdwn.time(since))
                .doesNotContain("2026-12-06T01:07:35.348Z");
    }

    @Test
    void stepsThatDoNotIncreaseOrLeaveOneToAHundredAreRefusedBeforeTheAck() {
        Map<String, String> problems = Map.of(
                "web 50 10",
                "Step 2 (`10`) does not increase on 50.",
                "web 0 50",
                "Step 1 (`0`) is not between 1 and 100.",
                "web 10 101",
                "Step 2 (`101`) is not between 1 and 100.",
                "web ten",
                "Step 1 (`ten`) is not a whole percent.",
                "web " + "1 ".repeat(21),
                "21 steps is too many.");
        problems.forEach((bad, problem) -> {
            CommandResult r = run(bad, REQUESTER);
            assertThat(r.followUp()).as(bad).isNull();
            assertThat(r.ephemeral().text()).as(bad).startsWith(problem + " Steps are percents to green from 1 to 100");
        });
        assertThat(ShiftCommand.steps("web 5 25% 100".split(" "))).containsExactly(5, 25, 100);
    }

    @Test
    void aDryRunOrStatusWithMoreWordsSaysItTakesNoneBeforeTheAck() {
        for (String word : List.of("dry-run", "status")) {
            CommandResult r = run("web " + word + " extra", REQUESTER);
            assertThat(r.followUp()).as(word).isNull();
            assertThat(r.ephemeral().text()).as(word).startsWith("`" + word + "` takes nothing after it. Usage: `");
        }
    }

    @Test
    void aRequestPostsTheShiftMessageAndStoresWhereItIs() {
        CommandResult r = run("web 5 25 100", REQUESTER);
        assertThat(r.ephemeral()).isNull();
        r.followUp().run();

        Shift s = f.service.latest(PAIR).orElseThrow();
        assertThat(s.message()).isNotNull();
        assertThat(s.plan().percents()).containsExactly(5, 25, 100);
        assertThat(notifier.posts).hasSize(1);
        assertThat(answers)
                .extracting(Message::text)
                .containsExactly("Shift of *web* requested (5% → 25% → 100%, 5m bake each); it starts when approved.");
    }

    @Test
    void theMessageShowsBarsStepBakeLeftHealthAndTheButtonsOfABake() {
        run("web", REQUESTER).followUp().run();
        Shift s = f.service.latest(PAIR).orElseThrow();
        f.service.approve(s.id(), APPROVER);
        clock.advance(Duration.ofMinutes(1));
        f.runner.sweep();

        Message m = ShiftMessages.render(f.service.get(s.id()).orElseThrow(), clock.instant());

        assertThat(m.blocks())
                .contains(new Block.Code(
                        "blue  ██████████████████░░ 90% (weight 90)\n" + "green ██░░░░░░░░░░░░░░░░░░ 10% (weight 10)"));
        assertThat(MessageLimits.violations(m)).isEmpty();
        String fields = m.blocks().stream()
                .filter(Block.Fields.class::isInstance)
                .map(b -> String.join("|", ((Block.Fields) b).markdown()))
                .findFirst()
                .orElseThrow();
        assertThat(fields).contains("*Step*\n1 of 3", "*Bake left*\n4m (until", "*Green health*\n5XX 0.1% of 1200");
        assertThat(buttons(m)).extracting(Button::label).containsExactly("Pause", "Promote now", "Abort");
    }

    @Test
    void abortAsksForConfirmationInItsOwnDialog() {
        run("web", REQUESTER).followUp().run();
        Shift s = f.service.latest(PAIR).orElseThrow();

        Button abort = buttons(ShiftMessages.render(s, clock.instant())).stream()
                .filter(b -> b.actionId().equals(ShiftMessages.ABORT))
                .findFirst()
                .orElseThrow();

        assertThat(abort.confirm()).isNotNull();
        assertThat(abort.confirm().text())
                .isEqualTo("Traffic goes back to blue 100 / green 0 (no traffic on green) at once.");
    }

    @Test
    void promoteClickedByTheRequesterIsAnsweredWithTheFourEyesRefusal() {
        run("web", REQUESTER).followUp().run();
        Shift s = f.service.latest(PAIR).orElseThrow();
        f.service.approve(s.id(), APPROVER);
        click(f.service, ShiftMessages.PROMOTE, s.id(), REQUESTER);

        assertThat(answers)
                .extracting(Message::text)
                .last()
                .asString()
                .startsWith(
                        ":no_entry: You cannot promote your own shift (four-eyes): another approver may. Approvers:");
        assertThat(f.service.get(s.id()).orElseThrow().step()).isZero();
    }

    @Test
    void promoteClickedByAnApproverIsAnsweredWithWhereTheShiftStandsNow() {
        run("web", REQUESTER).followUp().run();
        Shift s = f.service.latest(PAIR).orElseThrow();
        f.service.approve(s.id(), APPROVER);
        click(f.service, ShiftMessages.PROMOTE, s.id(), APPROVER);

        assertThat(answers)
                .extracting(Message::text)
                .last()
                .isEqualTo("Promoted: the shift of *web* is baking at blue 50 / green 50.");
    }

    @Test
    void aRedisFailureDuringAShiftClickIsNotAnsweredAsNothingChanged() {
        java.util.concurrent.atomic.AtomicBoolean down = new java.util.concurrent.atomic.AtomicBoolean();
        dev.cutover.core.traffic.ShiftStore inner = approvals.shifts();
        dev.cutover.core.traffic.ShiftStore failing = new dev.cutover.core.traffic.ShiftStore() {
            @Override
            public java.util.Optional<String> createIfIdle(Shift shift) {
                return inner.createIfIdle(shift);
            }

            @Override
            public java.util.Optional<Shift> get(String id) {
                return inner.get(id);
            }

            @Override
            public boolean compareAndSet(Shift next) {
                if (down.get()) {
                    throw new dev.cutover.core.approval.StoreUnavailableException(
                            "redis down", new RuntimeException("connection refused"));
                }
                return inner.compareAndSet(next);
            }

            @Override
            public java.util.Optional<String> reopenIfIdle(Shift next) {
                return inner.reopenIfIdle(next);
            }

            @Override
            public java.util.Optional<String> latest(String pair) {
                return inner.latest(pair);
            }

            @Override
            public List<String> openIds() {
                return inner.openIds();
            }
        };
        ShiftFixture g = new ShiftFixture(failing, approvals, ShiftFixture.allBlue(), clock, ShiftPlan.OnAlarm.REVERT);
        Shift s = g.started();
        down.set(true);

        for (String action : List.of(ShiftMessages.PROMOTE, ShiftMessages.PAUSE, ShiftMessages.ABORT)) {
            click(g.service, action, s.id(), APPROVER);

            assertThat(answers)
                    .extracting(Message::text)
                    .last()
                    .as(action)
                    .isEqualTo(":warning: Redis is unreachable: the shift's state could not be recorded; a weight write"
                            + " may have happened. `/shift &lt;pair&gt; status` shows where it stands once Redis is"
                            + " back (another replica takes an interrupted write over).");
        }
    }

    @Test
    void theDryRunListsEveryStepAndChangesNothing() {
        run("web dry-run", REQUESTER).followUp().run();

        assertThat(answers).hasSize(1);
        Message m = answers.get(0);
        assertThat(m.text()).startsWith("*Dry run of a shift of web* from blue 100 / green 0: 10% → 50% → 100%");
        assertThat(MessageLimits.violations(m)).isEmpty();
        assertThat(f.weights.read()).isEqualTo(new dev.cutover.core.traffic.Weights(100, 0));
        assertThat(f.service.latest(PAIR)).isEmpty();
    }

    @Test
    void eachWeightChangeUpdatesTheMessageAndGoesToItsThread() {
        run("web", REQUESTER).followUp().run();
        Shift s = f.service.latest(PAIR).orElseThrow();
        f.service.approve(s.id(), APPROVER);
        Shift before = f.service.get(s.id()).orElseThrow();
        clock.advance(ShiftFixture.BAKE);
        f.runner.sweep();
        Shift after = f.service.get(s.id()).orElseThrow();
        notifier.posts.clear();

        new ShiftPresenter(notifier, clock).changed(before, after);

        assertThat(notifier.texts())
                .containsExactly(
                        "Traffic shift of web · baking: blue 50 / green 50",
                        "Step 2 of 3 applied: blue 50 / green 50 (50% to green); baking 5m.");
    }

    static List<Button> buttons(Message m) {
        return m.blocks().stream()
                .filter(Block.Actions.class::isInstance)
                .flatMap(b -> ((Block.Actions) b).buttons().stream())
                .toList();
    }

    @Test
    void aHeldStepSaysWhyInTheMessageAndOnceInTheThread() {
        f.health = dev.cutover.core.traffic.ShiftHealth.Reading.unconfirmed(
                "5XX 0.0% of 0", "green received no requests during the bake");
        run("web", REQUESTER).followUp().run();
        Shift s = f.service.latest(PAIR).orElseThrow();
        f.service.approve(s.id(), APPROVER);
        Shift baking = f.service.get(s.id()).orElseThrow();
        clock.advance(ShiftFixture.BAKE);
        f.runner.sweep();
        Shift held = f.service.get(s.id()).orElseThrow();

        assertThat(ShiftMessages.progress(baking, held))
                .isEqualTo(":grey_question: Step 1 of 3 held at blue 90 / green 10: green received no requests during"
                        + " the bake: its health is not confirmed; an approver can Promote now");
        assertThat(ShiftMessages.progress(held, held.withHealth("5XX 0.0% of 0")))
                .isEmpty();
        assertThat(ShiftMessages.render(held, clock.instant()).blocks())
                .contains(new Block.Section("*Why:* green received no requests during the bake: its health is not"
                        + " confirmed; an approver can Promote now"));
        assertThat(buttons(ShiftMessages.render(held, clock.instant())))
                .extracting(Button::label)
                .containsExactly("Pause", "Promote now", "Abort");
    }

    @Test
    void aHaltedShiftOffersAbortWithItsConfirmDialog() {
        f.service.request(PAIR, null, REQUESTER, CHANNEL);
        Shift s = f.service.latest(PAIR).orElseThrow();
        Shift halted = s.ended(dev.cutover.core.traffic.ShiftState.HALTED, "p95 is above 1.00 s");

        List<Button> bs = buttons(ShiftMessages.render(halted, clock.instant()));

        assertThat(bs).extracting(Button::label).containsExactly("Abort");
        assertThat(bs.get(0).confirm()).isNotNull();
        assertThat(bs.get(0).confirm().text())
                .isEqualTo("Traffic goes back to blue 100 / green 0 (no traffic on green) at once, if the weights are"
                        + " still blue 100 / green 0 as the shift left them.");
        assertThat(buttons(ShiftMessages.render(
                        s.ended(dev.cutover.core.traffic.ShiftState.STOPPED, "drift"), clock.instant())))
                .extracting(Button::label)
                .containsExactly("Abort");
        assertThat(buttons(
                        ShiftMessages.render(s.ended(dev.cutover.core.traffic.ShiftState.DONE, null), clock.instant())))
                .isEmpty();
    }

    @Test
    void aRefusedAbortOfAnEndedShiftTellsTheClickerTheDifference() {
        assertThat(ShiftActions.words(new dev.cutover.core.traffic.ShiftOutcome.Drifted(
                        PAIR,
                        new dev.cutover.core.traffic.Weights(90, 10),
                        new dev.cutover.core.traffic.Weights(70, 30))))
                .isEqualTo(":warning: The weights of *web* are blue 70 / green 30, not blue 90 / green 10 as the shift"
                        + " left them: someone changed them since, so the abort was refused and nothing was written."
                        + " Change them by hand or start a new `/shift`.");
    }
}
