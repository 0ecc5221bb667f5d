package org.aisora.core.internal.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PlanCatalogTest {
    private static final long MB = 1024L * 1024;
    private static final Plan FREE = new Plan("free", 100, 7, 2, 30, 10, 50 * MB, 1024 * MB);
    private static final Plan PRO = new Plan("pro", 2000, 30, 8, 300, 60, 500 * MB, 51_200 * MB);

    @Test
    void emptyConfigurationMeansTheTwoBuiltInPlans() {
        for (String[] lines : new String[][] {null, {}, {" ", ""}}) {
            PlanCatalog catalog = PlanCatalog.parse(lines);
            assertEquals(List.of(FREE, PRO), List.copyOf(catalog.plans().values()));
            assertEquals(List.of(), catalog.problems());
        }
    }

    @Test
    void theDefaultLinesParseToTheBuiltInPlans() {
        PlanCatalog catalog = PlanCatalog.parse(new String[] {PlanCatalog.FREE_LINE, PlanCatalog.PRO_LINE});
        assertEquals(List.of(), catalog.problems());
        assertEquals(PlanCatalog.defaults().plans(), catalog.plans());
    }

    @Test
    void aCustomPlanIsReadWithMegabytesAsBytes() {
        PlanCatalog catalog = PlanCatalog.parse(new String[] {PlanCatalog.FREE_LINE,
                " Team = monthly.credits:0, retention.days:90,max.concurrent.jobs:20,requests.per.minute:1200,"
                        + "max.video.seconds:120,MAX.UPLOAD.MB:2048 "});
        assertEquals(List.of(), catalog.problems());
        assertEquals(new Plan("team", 0, 90, 20, 1200, 120, 2048 * MB), catalog.find("team").orElseThrow());
        assertEquals(List.of("free", "team"), List.copyOf(catalog.plans().keySet()));
        assertEquals(Optional.empty(), catalog.find("pro")); // a configuration replaces the defaults
    }

    @Test
    void unknownKeysAreReportedAndIgnored() {
        PlanCatalog catalog = PlanCatalog.parse(new String[] {PlanCatalog.FREE_LINE + ",max.gpus:4"});
        assertEquals(FREE, catalog.free());
        assertEquals(1, catalog.problems().size());
        assertTrue(catalog.problems().get(0).contains("unknown key 'max.gpus'"), catalog.problems().get(0));
    }

    @Test
    void badNumbersAreReportedAndTheBuiltInValueOfThatPlanStands() {
        PlanCatalog catalog = PlanCatalog.parse(new String[] {PlanCatalog.FREE_LINE,
                "pro=monthly.credits:-5,retention.days:thirty,max.concurrent.jobs:0,requests.per.minute:99999999,"
                        + "max.video.seconds:1.5,max.upload.mb:"});
        assertEquals(PRO, catalog.find("pro").orElseThrow());
        List<String> problems = catalog.problems();
        assertEquals(12, problems.size(), problems.toString()); // each bad value, then each key missing
        assertTrue(problems.get(0).contains("monthly.credits '-5'"), problems.get(0));
        assertTrue(problems.get(1).contains("retention.days 'thirty'"), problems.get(1));
        assertTrue(problems.get(2).contains("max.concurrent.jobs '0'"), problems.get(2));
        assertTrue(problems.get(3).contains("requests.per.minute '99999999'"), problems.get(3));
        assertTrue(problems.get(6).contains("no valid monthly.credits; using 2000"), problems.get(6));
    }

    @Test
    void missingKeysOfACustomPlanComeFromFreeAndAreReported() {
        PlanCatalog catalog = PlanCatalog.parse(new String[] {PlanCatalog.FREE_LINE,
                "basic=monthly.credits:500,requests.per.minute:60"});
        assertEquals(new Plan("basic", 500, 7, 2, 60, 10, 50 * MB), catalog.find("basic").orElseThrow());
        assertEquals(4, catalog.problems().size(), catalog.problems().toString());
        assertTrue(catalog.problems().get(0).contains("'basic' has no valid retention.days; using 7"));
    }

    @Test
    void aMissingFreePlanIsReportedAndTheBuiltInOneStands() {
        PlanCatalog catalog = PlanCatalog.parse(new String[] {PlanCatalog.PRO_LINE});
        assertEquals(FREE, catalog.free());
        assertEquals(PRO, catalog.find("pro").orElseThrow());
        assertEquals(1, catalog.problems().size());
        assertTrue(catalog.problems().get(0).startsWith("no 'free' plan"), catalog.problems().get(0));
    }

    @Test
    void malformedLinesBadIdsAndDuplicatesAreReported() {
        PlanCatalog catalog = PlanCatalog.parse(new String[] {PlanCatalog.FREE_LINE, "just words",
                "Pro Plan=monthly.credits:1", PlanCatalog.FREE_LINE.replace("credits:100", "credits:1"),
                PlanCatalog.PRO_LINE + ",retention.days:1"});
        assertEquals(List.of(FREE, PRO), List.copyOf(catalog.plans().values()));
        List<String> problems = catalog.problems();
        assertEquals(4, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("'just words' is not id=key:value"));
        assertTrue(problems.get(1).contains("'Pro Plan=monthly.credits:1'"));
        assertTrue(problems.get(2).contains("'free' is defined twice"));
        assertTrue(problems.get(3).contains("sets retention.days twice"));
    }

    @Test
    void anAccountOnAnUnknownPlanGetsFree() {
        PlanCatalog catalog = PlanCatalog.defaults();
        assertEquals(PRO, catalog.forAccount(" PRO "));
        assertEquals(FREE, catalog.forAccount("enterprise"));
        assertEquals(FREE, catalog.forAccount(null));
    }

    @Test
    void oneCfgLineMayHoldSeveralPlansSeparatedBySemicolons() {
        PlanCatalog catalog = PlanCatalog.parse(new String[] {PlanCatalog.FREE_LINE + " ; " + PlanCatalog.PRO_LINE});
        assertEquals(java.util.Set.of("free", "pro"), catalog.plans().keySet());
        assertEquals(2000, catalog.find("pro").orElseThrow().monthlyCredits());
        assertTrue(catalog.problems().isEmpty(), catalog.problems().toString());
    }

    /** Lines written before max.storage.mb existed keep working: the built-in quota, no problem reported. */
    @Test
    void aLineWithoutMaxStorageKeepsTheBuiltInQuota() {
        String oldPro = "pro=monthly.credits:2000,retention.days:30,max.concurrent.jobs:8,requests.per.minute:300,"
                + "max.video.seconds:60,max.upload.mb:500";
        PlanCatalog catalog = PlanCatalog.parse(new String[] {PlanCatalog.FREE_LINE.replace(",max.storage.mb:1024", ""),
                oldPro, oldPro.replace("pro=", "team=")});
        assertEquals(List.of(), catalog.problems());
        assertEquals(1024 * MB, catalog.free().maxStorageBytes());
        assertEquals(51_200 * MB, catalog.find("pro").orElseThrow().maxStorageBytes());
        assertEquals(1024 * MB, catalog.find("team").orElseThrow().maxStorageBytes(), "an unknown id falls back to free");
        assertEquals(7 * MB, PlanCatalog.parse(new String[] {PlanCatalog.FREE_LINE.replace("max.storage.mb:1024",
                "max.storage.mb:7")}).free().maxStorageBytes());
        assertTrue(PlanCatalog.parse(new String[] {PlanCatalog.FREE_LINE.replace("max.storage.mb:1024",
                "max.storage.mb:0")}).problems().get(0).contains("max.storage.mb"));
    }
}
