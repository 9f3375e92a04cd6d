package dev.sendmail.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The build fails on a Javadoc warning in any exported package: the compiler's doclint runs on the packages listed
 * in {@code doclint.packages} (api/pom.xml), with warnings as errors. An exported package missing from that list
 * would escape the gate; this test keeps the list and the module's exports the same.
 */
class DoclintGateTest {

    private static final Path POM = Path.of("pom.xml");
    private static final Path MODULE_INFO = Path.of("src", "main", "java", "module-info.java");

    @Test
    void everyExportedPackageIsCheckedByDoclint() throws Exception {
        String pom = Files.readString(POM, StandardCharsets.UTF_8);
        Matcher listed = Pattern.compile("<doclint\\.packages>([^<]*)</doclint\\.packages>").matcher(pom);
        assertTrue(listed.find(), "api/pom.xml defines doclint.packages");
        Set<String> checked = Arrays.stream(listed.group(1).split(",")).map(String::trim)
                .collect(Collectors.toCollection(TreeSet::new));

        String module = Files.readString(MODULE_INFO, StandardCharsets.UTF_8).replaceAll("//[^\n]*", "");
        Set<String> exported = Pattern.compile("\\bexports\\s+([\\w.]+)\\s*;").matcher(module).results()
                .map(r -> r.group(1)).collect(Collectors.toCollection(TreeSet::new));
        assertTrue(exported.contains("dev.sendmail.api"), "exports read from module-info: " + exported);

        assertEquals(exported, checked, "doclint.packages in api/pom.xml must list exactly the exported packages");
    }

    @Test
    void doclintWarningsFailTheMainCompilation() throws Exception {
        String pom = Files.readString(POM, StandardCharsets.UTF_8);
        int start = pom.indexOf("<id>default-compile</id>");
        assertTrue(start > 0, "api/pom.xml configures default-compile");
        String compile = pom.substring(start, pom.indexOf("</execution>", start));
        assertTrue(compile.contains("<arg>-Xdoclint:all/protected</arg>"), compile);
        assertTrue(compile.contains("<arg>-Xdoclint/package:${doclint.packages}</arg>"), compile);
        assertTrue(compile.contains("<arg>-Werror</arg>"), "warnings are errors: " + compile);
    }
}
