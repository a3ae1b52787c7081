package dev.cutover.sandbox.console;

/** The console's {@code help} text: what can be typed at the sandbox's Slack client. */
final class ConsoleHelp {
    static final String TEXT = String.join(
            "\n",
            "Console commands:",
            "  /swap ..., /rollback ..., /shift ..., /cron ..., /cutover ...   type a slash command as in Slack",
            "  as <user>                   act as another user (" + "see `users`)",
            "  click <n|label> [reason]    press button n (or the newest button with that label); a button that",
            "                              asks for a reason takes it after the label, e.g. click reject not tested",
            "  reason <text>               answer an open dialog",
            "  home                        open your Home tab of the app: pairs, your requests, jobs, incidents;",
            "                              its buttons can be clicked like a message's",
            "  state                       print the simulated hosted zones' records",
            "  drift <record> <dns-name>   point a record's alias elsewhere behind the bot's back",
            "  queue <name> <visible> [age-seconds]  set a simulated SQS queue's depth, then poll",
            "  service <cluster>/<service> <desired> <running>  set a simulated ECS service's counts, then poll",
            "  traffic <green|blue> <requests> <5xx> <p95-seconds>  set a load balancer side's traffic per minute",
            "  alarm <name> ALARM|OK|INSUFFICIENT_DATA  a CloudWatch alarm changes state (as an EventBridge event",
            "                              on the alarm queue)",
            "  slack-calls                 the Web API calls the bot made so far: per method, the busiest minute",
            "                              against Slack's published rate limit",
            "  users                       list the console's users",
            "  expect <text>               (scripts) fail unless the output since the last command contains text",
            "  await <text>                (scripts) wait up to 60 s for text, e.g. a shift's next step",
            "  help, quit");

    private ConsoleHelp() {}
}
