package gg.kalico.telemetry.schema;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every way to declare free text in a plugin's section schema is refused; the safe form passes. */
class SectionSchemaCheckTest {
  private static String section(String valueSchema) {
    return "{\"$schema\": \"https://json-schema.org/draft/2020-12/schema\", \"type\": \"object\","
        + " \"additionalProperties\": false, \"maxProperties\": 1,"
        + " \"properties\": {\"v\": "
        + valueSchema
        + "}}";
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"type\": [\"string\", \"integer\"], \"maxLength\": 9, \"x-privacy\": \"count\"}",
        "{\"maxLength\": 9, \"x-privacy\": \"count\"}",
        "true",
        "{\"type\": \"object\", \"additionalProperties\": false, \"maxProperties\": 2,"
            + " \"patternProperties\": {\".*\": {\"type\": \"integer\", \"x-privacy\": \"count\"}}}",
        "{\"type\": \"object\", \"maxProperties\": 2, \"additionalProperties\":"
            + " {\"type\": \"integer\", \"x-privacy\": \"count\"}}",
        "{\"type\": \"string\", \"maxLength\": 9, \"pattern\": \".*\", \"x-privacy\": \"count\"}",
        "{\"type\": \"string\", \"maxLength\": 9, \"pattern\": \"^[\\\\s\\\\S]*$\", \"x-privacy\": \"count\"}",
        "{\"type\": \"string\", \"maxLength\": 9, \"pattern\": \"^.*$\", \"x-privacy\": \"count\"}",
        "{\"type\": \"string\", \"maxLength\": 9, \"pattern\": \"^x*$\", \"x-privacy\": \"count\"}",
        "{\"type\": \"string\", \"maxLength\": 9, \"pattern\": \"^(a|b)+$\", \"x-privacy\": \"count\"}",
        "{\"type\": \"string\", \"maxLength\": 9, \"pattern\": \"[a-z]{1,5}\", \"x-privacy\": \"count\"}",
        "{\"type\": \"string\", \"maxLength\": 9, \"pattern\": \"^[^x]{1,5}$\", \"x-privacy\": \"count\"}",
        "{\"type\": \"string\", \"maxLength\": 9, \"pattern\": \"^[a-z]{1,}$\", \"x-privacy\": \"count\"}"
      })
  void freeTextInAnyFormIsRefused(String valueSchema) {
    assertThat(SectionSchemaCheck.check(section(valueSchema))).as(valueSchema).isNotEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"type\": \"string\", \"maxLength\": 64, \"pattern\": \"^[A-Za-z0-9 ._-]{1,64}$\","
            + " \"x-privacy\": \"system-fact\"}",
        "{\"type\": \"string\", \"maxLength\": 96, \"pattern\": \"^[A-Za-z0-9 ._()+,/-]{1,96}$\","
            + " \"x-privacy\": \"system-fact\"}",
        "{\"type\": \"string\", \"maxLength\": 8, \"pattern\": \"^v[0-9]{1,3}-x?$\","
            + " \"x-privacy\": \"software-fact\"}",
        "{\"enum\": [\"a\", \"b\"], \"x-privacy\": \"closed-set\"}",
        "{\"type\": \"integer\", \"x-privacy\": \"count\"}"
      })
  void theSafeFormsPass(String valueSchema) {
    assertThat(SectionSchemaCheck.check(section(valueSchema))).as(valueSchema).isEmpty();
  }
}
