package io.quiesce.properties;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Sequences as a person reads them: command lines, waits and restarts, numbered. */
final class Steps {
    private Steps() {
    }

    static List<String> describe(List<Step> steps) {
        List<String> out = new ArrayList<>();
        Instant at = ModelRun.START;
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            String text;
            if (step instanceof Step.Wait w) {
                at = at.plus(w.duration());
                text = "wait " + w.duration();
            } else if (step instanceof Step.Send s) {
                text = CommandLines.line(s.command(at));
            } else {
                text = "restart the process";
            }
            out.add((i + 1) + ". " + text);
        }
        return out;
    }
}
