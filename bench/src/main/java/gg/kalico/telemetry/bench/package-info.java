/**
 * JMH benchmarks. Build with {@code mvn -B -DskipTests package -pl bench -am}, run with {@code java
 * -jar bench/target/benchmarks.jar} (see docs/development.md for the exact commands).
 */
package gg.kalico.telemetry.bench;
