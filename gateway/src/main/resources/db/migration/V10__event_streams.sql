-- Issue 14: the Shared Signals event streams of the RFC 9967 change feed. A stream belongs to one
-- tenant and reads that tenant's changes from the activity log by their sequence number; its
-- position is kept here, so a restart (or another replica) continues where it was acknowledged.
CREATE TABLE event_stream (
    tenant_id            text        NOT NULL REFERENCES tenant (id) ON DELETE CASCADE,
    id                   uuid        NOT NULL,
    -- The iss of its SETs, from the gateway's public base URL when the stream was created.
    iss                  text        NOT NULL,
    events_requested     text[]      NOT NULL,
    events_delivered     text[]      NOT NULL,
    -- urn:ietf:rfc:8936 (poll) or urn:ietf:rfc:8935 (push).
    delivery_method      text        NOT NULL,
    -- Push: the receiver's URL.
    endpoint_url         text,
    -- Push: the Authorization header the receiver asked the gateway to send. It is a secret the
    -- gateway must send back as given, so it cannot be kept as a hash; it is never logged and
    -- never shown in a response.
    authorization_header text,
    description          text,
    -- enabled, paused or disabled (SSF 1.0 stream status), and why.
    status               text        NOT NULL DEFAULT 'enabled',
    status_reason        text,
    -- Every change of the tenant up to this sequence number is acknowledged or not delivered here.
    acked_seq            bigint      NOT NULL,
    -- Changes above acked_seq acknowledged out of order: they are not delivered again, and they
    -- fold into acked_seq once the changes below them are acknowledged too.
    acked_above          bigint[]    NOT NULL DEFAULT '{}',
    -- Push: failed deliveries in a row (the stream is paused after a configured run of them), when
    -- to try again, and which replica delivers it until when (one at a time, so SETs stay in order).
    push_failures        integer     NOT NULL DEFAULT 0,
    push_next_attempt    timestamptz,
    push_owner           uuid,
    push_lease_until     timestamptz,
    created_at           timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id)
);
