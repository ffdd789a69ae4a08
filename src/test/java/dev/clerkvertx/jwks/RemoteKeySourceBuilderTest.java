package dev.clerkvertx.jwks;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The remote key source is built in one place, which refuses timings that cannot work together. */
class RemoteKeySourceBuilderTest {
  static final String URL = "https://clean-mole-12.clerk.accounts.dev/.well-known/jwks.json";

  @Test
  void buildsWithCoherentTimings() {
    assertThat(RemoteKeySource.builder(URL).refresh(Duration.ofSeconds(60)).timeout(Duration.ofSeconds(5))
      .cooldown(Duration.ofSeconds(30)).build()).isNotNull();
  }

  @Test
  void refusesAFetchTimeoutAsLongAsTheRefreshPeriod() {
    assertThatThrownBy(() -> RemoteKeySource.builder(URL).refresh(Duration.ofSeconds(10)).timeout(Duration.ofSeconds(10))
      .cooldown(Duration.ofSeconds(5)).build()).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void refusesACooldownUnderASecondOrLongerThanTheRefreshPeriod() {
    assertThatThrownBy(() -> RemoteKeySource.builder(URL).cooldown(Duration.ZERO).build())
      .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RemoteKeySource.builder(URL).refresh(Duration.ofSeconds(20)).cooldown(Duration.ofSeconds(30))
      .build()).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void refusesAMissingUrl() {
    assertThatThrownBy(() -> RemoteKeySource.builder(" ").build()).isInstanceOf(IllegalArgumentException.class);
  }
}
