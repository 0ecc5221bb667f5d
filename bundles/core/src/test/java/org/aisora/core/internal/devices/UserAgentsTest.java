package org.aisora.core.internal.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UserAgentsTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36|Chrome|Windows",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.2903.70|Edge|Windows",
        "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0|Firefox|Linux",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15|Safari|macOS",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1|Safari|iOS",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/131.0.6778.73 Mobile/15E148 Safari/604.1|Chrome|iOS",
        "Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/26.0 Chrome/122.0.0.0 Mobile Safari/537.36|Samsung Internet|Android",
        "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36|Chrome|Android",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 OPR/114.0.0.0|Opera|Windows",
        "Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36|Chrome|ChromeOS",
        "Mozilla/5.0 (Windows NT 10.0; Trident/7.0; rv:11.0) like Gecko|Internet Explorer|Windows",
        "curl/8.5.0|curl|other",
        "python-requests/2.32.3|Python requests|other",
        "OpenAI/Python 1.54.4|OpenAI Python SDK|other",
        "Java-http-client/17.0.13|Java HttpClient|other",
        "okhttp/4.12.0|OkHttp|other",
        "Go-http-client/2.0|Go|other",
        "PostmanRuntime/7.42.0|Postman|other",
        "Microsoft Office/16.0 (Microsoft Outlook 16.0.17928; Pro)|other|other",
        "totally made up|other|other",
    })
    void parsesTheCommonBrowsersSystemsAndClients(String ua, String browser, String os) {
        assertEquals(new UserAgents.Device(browser, os), UserAgents.parse(ua));
    }

    @ParameterizedTest
    @CsvSource(value = {"''", "'   '"})
    void blankIsOther(String ua) {
        assertEquals(new UserAgents.Device("other", "other"), UserAgents.parse(ua));
    }

    @org.junit.jupiter.api.Test
    void missingAndHugeHeadersAreSafe() {
        assertEquals(new UserAgents.Device("other", "other"), UserAgents.parse(null));
        assertEquals(new UserAgents.Device("other", "other"), UserAgents.parse("x".repeat(100_000) + " Firefox/1 Linux"));
    }
}
