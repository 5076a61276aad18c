CREATE TABLE probe.notes (
    id   bigserial PRIMARY KEY,
    body text NOT NULL
);
