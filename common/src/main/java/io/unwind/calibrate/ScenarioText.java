package io.unwind.calibrate;

import java.util.List;

/**
 * A written scenario and what the user should know about it.
 *
 * @param text the scenario's HOCON text
 * @param notes what the writer decided for the user, one sentence each (an asset left as class
 *     {@code other}, a strategy left out and how to keep it); also in the text as comments
 */
public record ScenarioText(String text, List<String> notes) {
}
