package org.kubeedgej.cloud.devicecontroller;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The property types a DeviceModel may give its twins, and whether a desired value fits its type, as KubeEdge
 * checks them (its CRD's PropertyType enum, lowercased in twin metadata, and the edge's {@code ValidateValue}). An
 * edge refuses a value that does not fit, so CloudCore holds such a Device back and says why, instead of sending
 * something the edge and its mapper will only reject.
 */
final class TwinValueTypes {

    /** KubeEdge's types: v1beta1's enum lowercased, plus "integer" that KubeEdge's edge also takes. */
    static final Set<String> KNOWN = Set.of("int", "integer", "float", "double", "string", "boolean", "bytes",
            "stream");

    private TwinValueTypes() {
    }

    /**
     * @param desired desired value by property
     * @param types type by property, from the DeviceModel (a property it does not list is a string)
     * @return each problem, naming the property, its type and the value; empty when all is well
     */
    static List<String> problems(Map<String, String> desired, Map<String, String> types) {
        List<String> problems = new ArrayList<>();
        types.forEach((property, type) -> {
            if (!KNOWN.contains(type)) {
                problems.add("property " + property + " has type \"" + type + "\", which is not one of " + KNOWN);
            }
        });
        desired.forEach((property, value) -> {
            String type = types.getOrDefault(property, "string");
            if (KNOWN.contains(type) && !fits(type, value)) {
                problems.add("desired value \"" + value + "\" of property " + property + " is not a valid " + type);
            }
        });
        return problems;
    }

    /**
     * @param type a known type
     * @param value a value, as twins carry it (a string)
     * @return whether the edge takes the value for that type
     */
    static boolean fits(String type, String value) {
        try {
            switch (type) {
                case "int", "integer" -> Long.parseLong(value);
                case "float", "double" -> Double.parseDouble(value);
                case "boolean" -> {
                    return "true".equals(value) || "false".equals(value);
                }
                default -> {
                    return true;
                }
            }
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
