package dev.switchboard.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.HandleCallbackDecorator;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** An open, migrated database: connection pool, Flyway migrations and the JDBI handle factory. */
public final class Database implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Database.class);

  private final DatabaseSettings settings;
  private final HikariDataSource dataSource;
  private final Jdbi jdbi;
  private final EmbeddedFileSync fileSync;

  private Database(DatabaseSettings settings, HikariDataSource dataSource) {
    this.settings = settings;
    this.dataSource = dataSource;
    this.jdbi = Jdbi.create(dataSource);
    if (settings.embeddedFile() != null) {
      this.fileSync = new EmbeddedFileSync(settings.embeddedFile());
      jdbi.setHandleCallbackDecorator(new SyncAfterUse(fileSync));
    } else {
      this.fileSync = null;
    }
  }

  /**
   * With WRITE_DELAY=0 (see {@link DatabaseSettings}) H2 has handed every commit to the operating
   * system before the commit returns, which survives {@code kill -9}; an fsync of the file after
   * each unit of work makes it survive a power cut as well, as a PostgreSQL commit does. An fsync
   * with nothing to flush costs tens of microseconds.
   */
  private static final class SyncAfterUse implements HandleCallbackDecorator {
    private final EmbeddedFileSync sync;

    SyncAfterUse(EmbeddedFileSync sync) {
      this.sync = sync;
    }

    @Override
    public <R, X extends Exception> HandleCallback<R, X> decorate(HandleCallback<R, X> callback) {
      return handle -> {
        R result = callback.withHandle(handle);
        if (!handle.isInTransaction()) {
          sync.force();
        }
        return result;
      };
    }
  }

  /** Opens the pool and brings the schema up to date; fails fast when the database is unusable. */
  public static Database open(DatabaseSettings settings) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(settings.url());
    config.setUsername(settings.user());
    config.setPassword(settings.password());
    config.setMaximumPoolSize(settings.isEmbedded() ? 4 : 10);
    config.setPoolName("switchboard-db");
    config.setInitializationFailTimeout(10_000);
    HikariDataSource dataSource = new HikariDataSource(config);
    try {
      Flyway.configure()
          .dataSource(dataSource)
          .locations("classpath:db/migration")
          .failOnMissingLocations(true)
          .load()
          .migrate();
    } catch (RuntimeException e) {
      dataSource.close();
      throw e;
    }
    LOG.info("database ready: {}", settings.redactedUrl());
    return new Database(settings, dataSource);
  }

  public Jdbi jdbi() {
    return jdbi;
  }

  public DatabaseSettings settings() {
    return settings;
  }

  @Override
  public void close() {
    dataSource.close();
    if (fileSync != null) {
      fileSync.close();
    }
  }
}
