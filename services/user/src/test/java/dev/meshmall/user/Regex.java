package dev.meshmall.user;

import java.util.regex.Pattern;

import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;

/** A Hamcrest matcher for a whole string against a regular expression (Hamcrest 1.3 has none). */
final class Regex extends TypeSafeMatcher<String> {
    private final Pattern pattern;

    private Regex(String regex) {
        this.pattern = Pattern.compile(regex);
    }

    static Matcher<String> matchesPattern(String regex) {
        return new Regex(regex);
    }

    @Override
    protected boolean matchesSafely(String text) {
        return pattern.matcher(text).matches();
    }

    @Override
    public void describeTo(Description description) {
        description.appendText("a string matching /").appendText(pattern.pattern()).appendText("/");
    }
}
