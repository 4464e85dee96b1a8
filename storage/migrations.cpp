// Numbered migrations. Append only: a released migration is never edited, a change is a new one.
#include <array>
#include <string_view>

namespace gridbot::storage {

extern const std::array<std::string_view, 16> migrations;

const std::array<std::string_view, 16> migrations{
    // 1: organization, tickets and their audit trail, inbox, outbox, timers, the local platform.
    R"sql(
CREATE TABLE streets(id TEXT PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE communities(id TEXT PRIMARY KEY, name TEXT NOT NULL, street TEXT NOT NULL);
CREATE TABLE grids(id TEXT PRIMARY KEY, name TEXT NOT NULL, community TEXT NOT NULL, buildings TEXT NOT NULL);
CREATE TABLE departments(id TEXT PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE members(id TEXT PRIMARY KEY, name TEXT NOT NULL, roles TEXT NOT NULL, grid TEXT NOT NULL,
  community TEXT NOT NULL, street TEXT NOT NULL, department TEXT NOT NULL, buildings TEXT NOT NULL,
  accounts TEXT NOT NULL);
CREATE TABLE residents(id TEXT PRIMARY KEY, name TEXT NOT NULL, grid TEXT NOT NULL, building TEXT, unit TEXT,
  room TEXT, accounts TEXT NOT NULL);
CREATE TABLE chat_groups(id TEXT PRIMARY KEY, name TEXT NOT NULL, grid TEXT NOT NULL, community TEXT NOT NULL,
  platform TEXT NOT NULL, account TEXT NOT NULL, chat_id TEXT NOT NULL, UNIQUE(platform, chat_id));

CREATE TABLE tickets(
  number INTEGER PRIMARY KEY, state TEXT NOT NULL, category TEXT NOT NULL, urgent INTEGER NOT NULL,
  text TEXT NOT NULL, grid TEXT NOT NULL, community TEXT NOT NULL, building TEXT, unit TEXT, room TEXT,
  reporter_id TEXT NOT NULL, reporter_name TEXT NOT NULL, source_platform TEXT NOT NULL,
  reporter_user TEXT NOT NULL, group_id TEXT NOT NULL, owner TEXT NOT NULL, claimed_by TEXT NOT NULL,
  created_at INTEGER NOT NULL, claim_due_at INTEGER NOT NULL, resolve_due_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL);
CREATE INDEX tickets_owner ON tickets(owner, state);

CREATE TABLE ticket_events(id INTEGER PRIMARY KEY, ticket INTEGER NOT NULL REFERENCES tickets(number),
  kind TEXT NOT NULL, actor TEXT NOT NULL, detail TEXT NOT NULL, at INTEGER NOT NULL);
CREATE INDEX ticket_events_ticket ON ticket_events(ticket, id);

CREATE TABLE message_links(platform TEXT NOT NULL, message_id TEXT NOT NULL, ticket INTEGER NOT NULL,
  PRIMARY KEY(platform, message_id)) WITHOUT ROWID;

CREATE TABLE inbox(platform TEXT NOT NULL, delivery_id TEXT NOT NULL, received_at INTEGER NOT NULL,
  ref TEXT NOT NULL, PRIMARY KEY(platform, delivery_id)) WITHOUT ROWID;

CREATE TABLE outbox(id INTEGER PRIMARY KEY, platform TEXT NOT NULL, chat_id TEXT NOT NULL, user_id TEXT NOT NULL,
  text TEXT NOT NULL, mentions TEXT NOT NULL, priority INTEGER NOT NULL, ticket INTEGER,
  not_before INTEGER NOT NULL, status TEXT NOT NULL DEFAULT 'pending', attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL, last_error TEXT NOT NULL DEFAULT '', platform_message_id TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL, sent_at INTEGER);
CREATE INDEX outbox_pending ON outbox(status, priority, id);

CREATE TABLE timers(id INTEGER PRIMARY KEY, kind TEXT NOT NULL, ticket INTEGER NOT NULL, due_at INTEGER NOT NULL,
  payload TEXT NOT NULL, status TEXT NOT NULL DEFAULT 'pending', fired_at INTEGER);
CREATE INDEX timers_pending ON timers(status, due_at);
CREATE INDEX timers_ticket ON timers(ticket, kind);

CREATE TABLE local_messages(id INTEGER PRIMARY KEY, chat_id TEXT NOT NULL, user_id TEXT NOT NULL,
  sender TEXT NOT NULL, text TEXT NOT NULL, mentions TEXT NOT NULL, quote INTEGER, at INTEGER NOT NULL,
  outbox_id INTEGER UNIQUE);
CREATE INDEX local_messages_chat ON local_messages(chat_id, id);
CREATE INDEX local_messages_user ON local_messages(user_id, id);
)sql",
    // 2: the full lifecycle: escalation, urges, duplicates, whistle summons, suspension, ratings,
    // and questions the bot is waiting to have answered.
    R"sql(
ALTER TABLE tickets ADD COLUMN sensitive INTEGER NOT NULL DEFAULT 0;
ALTER TABLE tickets ADD COLUMN escalation_level INTEGER NOT NULL DEFAULT 0;
ALTER TABLE tickets ADD COLUMN escalated_to TEXT NOT NULL DEFAULT '';
ALTER TABLE tickets ADD COLUMN urges INTEGER NOT NULL DEFAULT 0;
ALTER TABLE tickets ADD COLUMN duplicates INTEGER NOT NULL DEFAULT 0;
ALTER TABLE tickets ADD COLUMN suspended_remaining INTEGER NOT NULL DEFAULT 0;
ALTER TABLE tickets ADD COLUMN rating TEXT NOT NULL DEFAULT '';
ALTER TABLE tickets ADD COLUMN resolution TEXT NOT NULL DEFAULT '';
ALTER TABLE tickets ADD COLUMN subscribers TEXT NOT NULL DEFAULT '[]';
ALTER TABLE tickets ADD COLUMN summons TEXT NOT NULL DEFAULT '[]';
ALTER TABLE tickets ADD COLUMN resolved_at INTEGER NOT NULL DEFAULT 0;
CREATE INDEX tickets_duplicate ON tickets(grid, category, building, state);
CREATE INDEX tickets_reporter ON tickets(reporter_id, state);
CREATE TABLE conversations(platform TEXT NOT NULL, user_id TEXT NOT NULL, state TEXT NOT NULL,
  updated_at INTEGER NOT NULL, PRIMARY KEY(platform, user_id)) WITHOUT ROWID;
)sql",
    // 3: a delivery id is unique within its conversation (a platform's chat, or its user's direct
    // chat with the bot), not across the platform. Earlier local rows find their conversation
    // through the message they recorded; others keep '' (they are past every retry horizon by the
    // time this matters). Indexes for retention's deletes by age. (auto_vacuum: database.cpp.)
    R"sql(
CREATE TABLE inbox_v3(platform TEXT NOT NULL, conversation TEXT NOT NULL, delivery_id TEXT NOT NULL,
  received_at INTEGER NOT NULL, ref TEXT NOT NULL, PRIMARY KEY(platform, conversation, delivery_id)) WITHOUT ROWID;
INSERT OR IGNORE INTO inbox_v3(platform, conversation, delivery_id, received_at, ref)
  SELECT i.platform,
         CASE WHEN m.id IS NULL THEN '' WHEN m.chat_id <> '' THEN 'group:' || m.chat_id ELSE 'user:' || m.sender END,
         i.delivery_id, i.received_at, i.ref
  FROM inbox i LEFT JOIN local_messages m ON i.platform = 'local' AND m.id = CAST(i.ref AS INTEGER);
DROP TABLE inbox;
ALTER TABLE inbox_v3 RENAME TO inbox;
CREATE INDEX inbox_received ON inbox(received_at);
CREATE INDEX outbox_sent ON outbox(status, sent_at);
-- /healthz's oldest pending row: the first entry of a range, not a walk over every pending row.
CREATE INDEX outbox_pending_age ON outbox(status, created_at);
)sql",
    // 4: every per-message lookup is an index seek, and /healthz reads counters, however large the
    // tables grow.
    R"sql(
-- The outbox's due rows: a range of one index per priority, so rows deferred to the end of
-- quiet hours (or backing off) are never walked over.
ALTER TABLE outbox ADD COLUMN due_at INTEGER NOT NULL DEFAULT 0;
UPDATE outbox SET due_at = MAX(not_before, next_attempt_at);
DROP INDEX outbox_pending;
CREATE INDEX outbox_due ON outbox(status, priority, due_at, id);

-- Who follows a ticket (its reporter and its '+1' subscribers), kept by triggers, so a resident's
-- open tickets are found from the resident, not by reading every open ticket's subscribers.
CREATE TABLE ticket_followers(person TEXT NOT NULL, ticket INTEGER NOT NULL, PRIMARY KEY(person, ticket)) WITHOUT ROWID;
INSERT OR IGNORE INTO ticket_followers SELECT reporter_id, number FROM tickets;
INSERT OR IGNORE INTO ticket_followers SELECT json_extract(value, '$.person'), number FROM tickets, json_each(tickets.subscribers)
  WHERE json_extract(value, '$.person') IS NOT NULL;
-- Not INSERT OR IGNORE: inside a trigger the outer statement's conflict policy (the ticket
-- upsert's) would override it, so each insert checks for the row itself.
CREATE TRIGGER ticket_followers_insert AFTER INSERT ON tickets BEGIN
  INSERT INTO ticket_followers SELECT DISTINCT person, NEW.number FROM
    (SELECT NEW.reporter_id AS person UNION SELECT json_extract(value, '$.person') FROM json_each(NEW.subscribers))
    WHERE person IS NOT NULL;
END;
-- Subscribers mostly grow (each '+1' adds one): add the new ones, drop only those gone.
CREATE INDEX ticket_followers_ticket ON ticket_followers(ticket);
CREATE TRIGGER ticket_followers_update AFTER UPDATE OF subscribers, reporter_id ON tickets
  WHEN OLD.subscribers IS NOT NEW.subscribers OR OLD.reporter_id IS NOT NEW.reporter_id BEGIN
  DELETE FROM ticket_followers WHERE ticket = NEW.number AND person IS NOT NEW.reporter_id
    AND person NOT IN (SELECT json_extract(value, '$.person') FROM json_each(NEW.subscribers)
                       WHERE json_extract(value, '$.person') IS NOT NULL);
  INSERT INTO ticket_followers SELECT DISTINCT candidate, NEW.number FROM
    (SELECT NEW.reporter_id AS candidate UNION SELECT json_extract(value, '$.person') FROM json_each(NEW.subscribers))
    WHERE candidate IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM ticket_followers f WHERE f.person = candidate AND f.ticket = NEW.number);
END;
CREATE TRIGGER ticket_followers_delete AFTER DELETE ON tickets BEGIN
  DELETE FROM ticket_followers WHERE ticket = OLD.number;
END;

-- Row counts by status, kept in the same transaction as the rows, for /healthz.
CREATE TABLE counters(name TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
INSERT INTO counters VALUES('tickets', (SELECT COUNT(*) FROM tickets));
INSERT INTO counters SELECT 'outbox_' || s, (SELECT COUNT(*) FROM outbox WHERE status = s)
  FROM (SELECT 'pending' AS s UNION ALL SELECT 'sent' UNION ALL SELECT 'dead');
INSERT INTO counters SELECT 'timers_' || s, (SELECT COUNT(*) FROM timers WHERE status = s)
  FROM (SELECT 'pending' AS s UNION ALL SELECT 'fired' UNION ALL SELECT 'cancelled');
CREATE TRIGGER tickets_counted AFTER INSERT ON tickets BEGIN
  UPDATE counters SET value = value + 1 WHERE name = 'tickets';
END;
CREATE TRIGGER tickets_uncounted AFTER DELETE ON tickets BEGIN
  UPDATE counters SET value = value - 1 WHERE name = 'tickets';
END;
CREATE TRIGGER outbox_counted AFTER INSERT ON outbox BEGIN
  UPDATE counters SET value = value + 1 WHERE name = 'outbox_' || NEW.status;
END;
CREATE TRIGGER outbox_recounted AFTER UPDATE OF status ON outbox WHEN OLD.status IS NOT NEW.status BEGIN
  UPDATE counters SET value = value - 1 WHERE name = 'outbox_' || OLD.status;
  UPDATE counters SET value = value + 1 WHERE name = 'outbox_' || NEW.status;
END;
CREATE TRIGGER outbox_uncounted AFTER DELETE ON outbox BEGIN
  UPDATE counters SET value = value - 1 WHERE name = 'outbox_' || OLD.status;
END;
CREATE TRIGGER timers_counted AFTER INSERT ON timers BEGIN
  UPDATE counters SET value = value + 1 WHERE name = 'timers_' || NEW.status;
END;
CREATE TRIGGER timers_recounted AFTER UPDATE OF status ON timers WHEN OLD.status IS NOT NEW.status BEGIN
  UPDATE counters SET value = value - 1 WHERE name = 'timers_' || OLD.status;
  UPDATE counters SET value = value + 1 WHERE name = 'timers_' || NEW.status;
END;
CREATE TRIGGER timers_uncounted AFTER DELETE ON timers BEGIN
  UPDATE counters SET value = value - 1 WHERE name = 'timers_' || OLD.status;
END;
)sql",
    // 5: the platform seam and a paced outbox. Which bot/account sends a row, its format, the
    // platform's handle of the message it answers; the platform's code of a dead letter; and for
    // a text split into parts, the row it was split from (the first part is that row itself), so
    // its parts go before the later rows of their bucket.
    R"sql(
ALTER TABLE outbox ADD COLUMN account TEXT NOT NULL DEFAULT '';
ALTER TABLE outbox ADD COLUMN format INTEGER NOT NULL DEFAULT 0;
ALTER TABLE outbox ADD COLUMN reply_to TEXT NOT NULL DEFAULT '';
ALTER TABLE outbox ADD COLUMN errcode INTEGER NOT NULL DEFAULT 0;
ALTER TABLE outbox ADD COLUMN part_of INTEGER;
)sql",
    // 6: notices (通知), each group's copy as its outbox row, and acknowledgements (收到) per
    // notice, group and person.
    R"sql(
CREATE TABLE notices(id INTEGER PRIMARY KEY, sender TEXT NOT NULL, sender_platform TEXT NOT NULL,
  sender_user TEXT NOT NULL, text TEXT NOT NULL, versions TEXT NOT NULL, group_ids TEXT NOT NULL,
  priority INTEGER NOT NULL, require_ack INTEGER NOT NULL, deadline INTEGER NOT NULL, send_at INTEGER NOT NULL,
  status TEXT NOT NULL, created_at INTEGER NOT NULL, sent_at INTEGER NOT NULL);
CREATE TABLE notice_deliveries(notice INTEGER NOT NULL, group_id TEXT NOT NULL, outbox_id INTEGER NOT NULL,
  PRIMARY KEY(notice, group_id)) WITHOUT ROWID;
-- A group's open notices, for every message posted in it.
CREATE INDEX notice_deliveries_group ON notice_deliveries(group_id, notice);
CREATE TABLE notice_acks(notice INTEGER NOT NULL, group_id TEXT NOT NULL, person TEXT NOT NULL,
  message_id TEXT NOT NULL, at INTEGER NOT NULL, PRIMARY KEY(notice, group_id, person)) WITHOUT ROWID;
-- A reply quoting a notice finds it by the platform's id of the group's copy; only sent rows have one.
CREATE INDEX outbox_platform_message ON outbox(platform, platform_message_id) WHERE platform_message_id <> '';
)sql",
    // 7: each group's copy of a notice keeps its own outcome (sent or dead, the platform's code and
    // how the send ended), set with its outbox row's, so the report outlives retention deleting
    // sent outbox rows. Copies queued before keep what their rows say (a row gone was sent).
    R"sql(
ALTER TABLE notice_deliveries ADD COLUMN status TEXT NOT NULL DEFAULT 'pending';
ALTER TABLE notice_deliveries ADD COLUMN errcode INTEGER NOT NULL DEFAULT 0;
ALTER TABLE notice_deliveries ADD COLUMN failure TEXT NOT NULL DEFAULT '';
UPDATE notice_deliveries SET
  status = COALESCE((SELECT o.status FROM outbox o WHERE o.id = notice_deliveries.outbox_id), 'sent'),
  errcode = COALESCE((SELECT o.errcode FROM outbox o WHERE o.id = notice_deliveries.outbox_id), 0);
-- The sender finds a copy by its outbox row on every send.
CREATE INDEX notice_deliveries_outbox ON notice_deliveries(outbox_id);
)sql",
    // 8: the console's ticket board. A community's tickets newest first (the board's default
    // order within a scope), and by state (its "open" filter: a few rows among many closed ones);
    // open tickets by each deadline (the overdue board and its filter); tickets by creation time
    // (the date filters). bench/console_board_bench prints the plans.
    R"sql(
CREATE INDEX tickets_community_board ON tickets(community, number);
CREATE INDEX tickets_community_state ON tickets(community, state, number);
CREATE INDEX tickets_state_claim ON tickets(state, claim_due_at);
CREATE INDEX tickets_state_resolve ON tickets(state, resolve_due_at);
CREATE INDEX tickets_created ON tickets(created_at);
)sql",
    // 9: the figures (分析研判) and early warnings (监测预警). What the figures need from a ticket's
    // audit trail, one row per ticket kept by a trigger as events are recorded, so the figures for a
    // period are one range of tickets joined by primary key, never a walk over every event
    // (handlers/figures/figure.hpp says what each column means). Intake's events (created,
    // assigned, copied, duplicate) do not touch it.
    R"sql(
CREATE TABLE ticket_facts(ticket INTEGER PRIMARY KEY, answered_at INTEGER, claimed_at INTEGER,
  claim_breached INTEGER NOT NULL DEFAULT 0, resolve_breached INTEGER NOT NULL DEFAULT 0,
  last_rating TEXT NOT NULL DEFAULT '');
CREATE TRIGGER ticket_facts_event AFTER INSERT ON ticket_events
  WHEN NEW.kind IN ('claimed', 'replied', 'suspended', 'resolved', 'claim_overdue', 'escalated', 'top_overdue', 'rated') BEGIN
  INSERT INTO ticket_facts(ticket) SELECT NEW.ticket WHERE NOT EXISTS (SELECT 1 FROM ticket_facts WHERE ticket = NEW.ticket);
  UPDATE ticket_facts SET
    answered_at = CASE WHEN NEW.kind IN ('claimed', 'replied', 'suspended', 'resolved') AND NEW.actor <> 'system'
                       THEN MIN(COALESCE(answered_at, NEW.at), NEW.at) ELSE answered_at END,
    claimed_at = CASE WHEN NEW.kind IN ('claimed', 'suspended', 'resolved') AND NEW.actor <> 'system'
                      THEN MIN(COALESCE(claimed_at, NEW.at), NEW.at) ELSE claimed_at END,
    claim_breached = claim_breached OR NEW.kind = 'claim_overdue' OR (NEW.kind = 'top_overdue' AND NEW.detail = 'claim'),
    -- A claim breach escalates too, with its claim_overdue recorded first at the same instant;
    -- an escalation without one is a resolve breach.
    resolve_breached = resolve_breached OR (NEW.kind = 'top_overdue' AND NEW.detail = 'resolve')
      OR (NEW.kind = 'escalated' AND NOT EXISTS (SELECT 1 FROM ticket_events e WHERE e.ticket = NEW.ticket
                                                 AND e.kind = 'claim_overdue' AND e.at = NEW.at)),
    last_rating = CASE WHEN NEW.kind = 'rated' THEN substr(NEW.detail, 1, instr(NEW.detail || ' ', ' ') - 1) ELSE last_rating END
  WHERE ticket = NEW.ticket;
END;
CREATE TRIGGER ticket_facts_delete AFTER DELETE ON tickets BEGIN
  DELETE FROM ticket_facts WHERE ticket = OLD.number;
END;
INSERT INTO ticket_facts(ticket, answered_at, claimed_at, claim_breached, resolve_breached, last_rating)
  SELECT ticket,
    MIN(CASE WHEN kind IN ('claimed', 'replied', 'suspended', 'resolved') AND actor <> 'system' THEN at END),
    MIN(CASE WHEN kind IN ('claimed', 'suspended', 'resolved') AND actor <> 'system' THEN at END),
    MAX(kind = 'claim_overdue' OR (kind = 'top_overdue' AND detail = 'claim')),
    MAX((kind = 'top_overdue' AND detail = 'resolve') OR (kind = 'escalated' AND NOT EXISTS (SELECT 1 FROM ticket_events c
        WHERE c.ticket = e.ticket AND c.kind = 'claim_overdue' AND c.at = e.at))),
    COALESCE((SELECT substr(r.detail, 1, instr(r.detail || ' ', ' ') - 1) FROM ticket_events r
              WHERE r.ticket = e.ticket AND r.kind = 'rated' ORDER BY r.id DESC LIMIT 1), '')
  FROM ticket_events e
  WHERE kind IN ('claimed', 'replied', 'suspended', 'resolved', 'claim_overdue', 'escalated', 'top_overdue', 'rated')
  GROUP BY ticket;
-- A period's tickets, for everyone and for one community (the scope of most viewers).
-- (tickets_created, by creation time, comes with migration 8.)
CREATE INDEX tickets_community_created ON tickets(community, created_at);

-- Early warnings: one row per burst of reports of one category in one grid, kept up to date while
-- the burst lasts (last_report_at, count, tickets: a JSON array of ticket numbers).
CREATE TABLE alerts(id INTEGER PRIMARY KEY, category TEXT NOT NULL, grid TEXT NOT NULL, community TEXT NOT NULL,
  building TEXT NOT NULL, count INTEGER NOT NULL, window_seconds INTEGER NOT NULL, raised_at INTEGER NOT NULL,
  last_report_at INTEGER NOT NULL, tickets TEXT NOT NULL);
CREATE INDEX alerts_place ON alerts(grid, category, last_report_at);
CREATE INDEX alerts_community ON alerts(community, id);
-- The reports of a category in a grid within the window: tickets and "+1"s, each with its time.
CREATE TABLE grid_reports(grid TEXT NOT NULL, category TEXT NOT NULL, at INTEGER NOT NULL, ticket INTEGER NOT NULL,
  building TEXT NOT NULL);
CREATE INDEX grid_reports_place ON grid_reports(grid, category, at);
)sql",
    // 10: 超期 from the first missed limit (handlers/lateness.hpp). Escalation moves a ticket's
    // deadlines on, so each ticket keeps the claim limit it missed while waiting for its current
    // claim and the resolve limit it missed since it was opened or reopened (0: none). Open
    // tickets take theirs from the audit trail (the breaches migration 9 reads, after the last
    // claim or reopen); the overdue board finds them by two small partial indexes.
    R"sql(
ALTER TABLE tickets ADD COLUMN claim_missed_at INTEGER NOT NULL DEFAULT 0;
ALTER TABLE tickets ADD COLUMN resolve_missed_at INTEGER NOT NULL DEFAULT 0;
UPDATE tickets SET claim_missed_at = COALESCE((SELECT MIN(e.at) FROM ticket_events e WHERE e.ticket = tickets.number
    AND (e.kind = 'claim_overdue' OR (e.kind = 'top_overdue' AND e.detail = 'claim'))
    AND e.id > COALESCE((SELECT MAX(c.id) FROM ticket_events c WHERE c.ticket = tickets.number
                         AND c.kind IN ('claimed', 'suspended', 'resolved', 'reopened')), 0)), 0)
  WHERE state = 'accepted';
UPDATE tickets SET resolve_missed_at = COALESCE((SELECT MIN(e.at) FROM ticket_events e WHERE e.ticket = tickets.number
    AND ((e.kind = 'top_overdue' AND e.detail = 'resolve')
         OR (e.kind = 'escalated' AND NOT EXISTS (SELECT 1 FROM ticket_events c WHERE c.ticket = e.ticket
                                                  AND c.kind = 'claim_overdue' AND c.at = e.at)))
    AND e.id > COALESCE((SELECT MAX(r.id) FROM ticket_events r WHERE r.ticket = tickets.number AND r.kind = 'reopened'), 0)), 0)
  WHERE state IN ('accepted', 'claimed', 'suspended');
CREATE INDEX tickets_claim_missed ON tickets(state, claim_missed_at) WHERE claim_missed_at <> 0;
CREATE INDEX tickets_resolve_missed ON tickets(state, resolve_missed_at) WHERE resolve_missed_at <> 0;
)sql",
    // 11: where an Open311 request said it was (storage/open311_places.hpp): lat/long (nullable:
    // a request may give only an address) and the address_string as given. Written before intake
    // runs, keyed by the request's delivery id; the ticket is filled in when intake links the
    // request to it, and the row goes with its ticket.
    R"sql(
CREATE TABLE open311_places(delivery TEXT PRIMARY KEY, ticket INTEGER, lat REAL, long REAL,
  address_string TEXT NOT NULL);
CREATE INDEX open311_places_ticket ON open311_places(ticket) WHERE ticket IS NOT NULL;
CREATE TRIGGER open311_places_linked AFTER INSERT ON message_links WHEN NEW.platform = 'open311' BEGIN
  UPDATE open311_places SET ticket = NEW.ticket WHERE delivery = NEW.message_id;
END;
CREATE TRIGGER open311_places_delete AFTER DELETE ON tickets BEGIN
  DELETE FROM open311_places WHERE ticket = OLD.number;
END;
)sql",
    // 12: the platforms' own member lists of groups (飞书/钉钉/企业微信 群成员), fetched around a
    // notice that asks for acknowledgement, so non-responders are the people really in the group,
    // by the names the platform shows. One row per (group, platform user id); a refresh replaces
    // the group's rows. Open acknowledged notices by deadline: what the refresher looks at.
    R"sql(
CREATE TABLE group_rosters(group_id TEXT NOT NULL, user_id TEXT NOT NULL, name TEXT NOT NULL,
  fetched_at INTEGER NOT NULL, PRIMARY KEY(group_id, user_id)) WITHOUT ROWID;
CREATE INDEX notices_open_ack ON notices(deadline) WHERE require_ack = 1 AND status = 'sent';
)sql",
    // 13: a message's cost independent of history. A ticket's "+1" subscribers are rows of their
    // own (the column was read whole with every ticket: hundreds of them on a ticket many residents
    // followed), and a follower row says whether its ticket still concerns the resident (open, or
    // resolved and waiting for a rating), so a resident's tickets are a range of a partial index:
    // the closed ones of years past are never walked over. The followers triggers no longer take
    // the subscribers apart with json_each, UNION and DISTINCT on every new ticket.
    R"sql(
CREATE TABLE ticket_subscribers(id INTEGER PRIMARY KEY, ticket INTEGER NOT NULL, person TEXT NOT NULL,
  platform TEXT NOT NULL, user_id TEXT NOT NULL);
CREATE UNIQUE INDEX ticket_subscribers_person ON ticket_subscribers(ticket, person);
INSERT OR IGNORE INTO ticket_subscribers(ticket, person, platform, user_id)
  SELECT t.number, json_extract(s.value, '$.person'), COALESCE(json_extract(s.value, '$.platform'), ''),
         COALESCE(json_extract(s.value, '$.user'), '')
  FROM tickets t, json_each(CASE WHEN json_valid(t.subscribers) THEN t.subscribers ELSE '[]' END) s
  WHERE s.type = 'object' AND json_type(s.value, '$.person') = 'text'
  ORDER BY t.number, s.key;
DROP TRIGGER ticket_followers_insert;
DROP TRIGGER ticket_followers_update;
ALTER TABLE tickets DROP COLUMN subscribers;

ALTER TABLE ticket_followers ADD COLUMN active INTEGER NOT NULL DEFAULT 0;
UPDATE ticket_followers SET active = 1 WHERE ticket IN (SELECT number FROM tickets WHERE state = 'accepted'
  OR state = 'claimed' OR state = 'suspended' OR (state = 'resolved' AND rating = ''));
CREATE INDEX ticket_followers_active ON ticket_followers(person, ticket) WHERE active = 1;
-- The states spelled out as ORs: an IN list of three constants is a temporary b-tree per run.
CREATE TRIGGER ticket_followers_insert AFTER INSERT ON tickets BEGIN
  INSERT INTO ticket_followers(person, ticket, active) VALUES(NEW.reporter_id, NEW.number,
    NEW.state = 'accepted' OR NEW.state = 'claimed' OR NEW.state = 'suspended' OR (NEW.state = 'resolved' AND NEW.rating = ''));
END;
CREATE TRIGGER ticket_followers_active AFTER UPDATE OF state, rating ON tickets
  WHEN (OLD.state = 'accepted' OR OLD.state = 'claimed' OR OLD.state = 'suspended' OR (OLD.state = 'resolved' AND OLD.rating = ''))
    IS NOT (NEW.state = 'accepted' OR NEW.state = 'claimed' OR NEW.state = 'suspended' OR (NEW.state = 'resolved' AND NEW.rating = '')) BEGIN
  UPDATE ticket_followers SET active = (NEW.state = 'accepted' OR NEW.state = 'claimed' OR NEW.state = 'suspended'
    OR (NEW.state = 'resolved' AND NEW.rating = '')) WHERE ticket = NEW.number;
END;
CREATE TRIGGER ticket_followers_reporter AFTER UPDATE OF reporter_id ON tickets WHEN OLD.reporter_id IS NOT NEW.reporter_id BEGIN
  DELETE FROM ticket_followers WHERE ticket = NEW.number AND person = OLD.reporter_id
    AND NOT EXISTS (SELECT 1 FROM ticket_subscribers s WHERE s.ticket = NEW.number AND s.person = OLD.reporter_id);
  INSERT INTO ticket_followers(person, ticket, active) SELECT NEW.reporter_id, NEW.number, (NEW.state = 'accepted'
    OR NEW.state = 'claimed' OR NEW.state = 'suspended' OR (NEW.state = 'resolved' AND NEW.rating = ''))
    WHERE NOT EXISTS (SELECT 1 FROM ticket_followers f WHERE f.person = NEW.reporter_id AND f.ticket = NEW.number);
END;
-- Not INSERT OR IGNORE (see migration 4): each insert checks for the row itself.
CREATE TRIGGER ticket_subscribers_follow AFTER INSERT ON ticket_subscribers BEGIN
  INSERT INTO ticket_followers(person, ticket, active) SELECT NEW.person, t.number, (t.state = 'accepted'
    OR t.state = 'claimed' OR t.state = 'suspended' OR (t.state = 'resolved' AND t.rating = '')) FROM tickets t
    WHERE t.number = NEW.ticket AND NOT EXISTS (SELECT 1 FROM ticket_followers f WHERE f.person = NEW.person AND f.ticket = NEW.ticket);
END;
CREATE TRIGGER ticket_subscribers_unfollow AFTER DELETE ON ticket_subscribers BEGIN
  DELETE FROM ticket_followers WHERE person = OLD.person AND ticket = OLD.ticket
    AND NOT EXISTS (SELECT 1 FROM tickets t WHERE t.number = OLD.ticket AND t.reporter_id = OLD.person);
END;
CREATE TRIGGER ticket_subscribers_delete AFTER DELETE ON tickets BEGIN
  DELETE FROM ticket_subscribers WHERE ticket = OLD.number;
END;
)sql",
    // 14: less index and trigger work per message (writer_bench: 480 k → 440 k instructions per
    // message). The facts trigger's WHEN tested an IN list of eight constants, which SQLite runs
    // through a temporary b-tree on every event insert, intake's own events included (7% of the
    // writer): spelled out as ORs. The outbox's three status indexes become partial ones on the
    // status each query asks for, so a new row enters two small indexes instead of three and a
    // sent row leaves the pending ones rather than moving inside every index.
    R"sql(
DROP INDEX outbox_due;
CREATE INDEX outbox_due ON outbox(priority, due_at, id) WHERE status = 'pending';
DROP INDEX outbox_sent;
CREATE INDEX outbox_sent ON outbox(sent_at) WHERE status = 'sent';
DROP INDEX outbox_pending_age;
CREATE INDEX outbox_pending_age ON outbox(created_at) WHERE status = 'pending';
DROP TRIGGER ticket_facts_event;
CREATE TRIGGER ticket_facts_event AFTER INSERT ON ticket_events
  WHEN NEW.kind = 'claimed' OR NEW.kind = 'replied' OR NEW.kind = 'suspended' OR NEW.kind = 'resolved'
    OR NEW.kind = 'claim_overdue' OR NEW.kind = 'escalated' OR NEW.kind = 'top_overdue' OR NEW.kind = 'rated' BEGIN
  INSERT INTO ticket_facts(ticket) SELECT NEW.ticket WHERE NOT EXISTS (SELECT 1 FROM ticket_facts WHERE ticket = NEW.ticket);
  UPDATE ticket_facts SET
    answered_at = CASE WHEN (NEW.kind = 'claimed' OR NEW.kind = 'replied' OR NEW.kind = 'suspended' OR NEW.kind = 'resolved')
                            AND NEW.actor <> 'system'
                       THEN MIN(COALESCE(answered_at, NEW.at), NEW.at) ELSE answered_at END,
    claimed_at = CASE WHEN (NEW.kind = 'claimed' OR NEW.kind = 'suspended' OR NEW.kind = 'resolved') AND NEW.actor <> 'system'
                      THEN MIN(COALESCE(claimed_at, NEW.at), NEW.at) ELSE claimed_at END,
    claim_breached = claim_breached OR NEW.kind = 'claim_overdue' OR (NEW.kind = 'top_overdue' AND NEW.detail = 'claim'),
    resolve_breached = resolve_breached OR (NEW.kind = 'top_overdue' AND NEW.detail = 'resolve')
      OR (NEW.kind = 'escalated' AND NOT EXISTS (SELECT 1 FROM ticket_events e WHERE e.ticket = NEW.ticket
                                                 AND e.kind = 'claim_overdue' AND e.at = NEW.at)),
    last_rating = CASE WHEN NEW.kind = 'rated' THEN substr(NEW.detail, 1, instr(NEW.detail || ' ', ' ') - 1) ELSE last_rating END
  WHERE ticket = NEW.ticket;
END;
)sql",
    // 15: one timer row per time limit (handlers/schedule.hpp). A limit's reminder and deadline
    // were two rows of their own kinds, written together at intake (four rows per ticket, 13% of
    // the writer); now one row walks both steps. Pending rows convert: a deadline whose reminder
    // is still pending at the same level is folded into it (the reminder re-arms it when it fires).
    // Finished rows keep their old kinds: they are history, read by nothing but retention.
    R"sql(
UPDATE timers SET status = 'cancelled' WHERE status = 'pending' AND kind IN ('claim_deadline', 'resolve_deadline')
  AND EXISTS (SELECT 1 FROM timers r WHERE r.ticket = timers.ticket AND r.status = 'pending' AND r.payload = timers.payload
              AND r.kind = substr(timers.kind, 1, instr(timers.kind, '_')) || 'reminder');
UPDATE timers SET kind = substr(kind, 1, instr(kind, '_')) || 'limit',
  payload = json_set(CASE WHEN json_valid(payload) AND json_type(payload) = 'object' THEN payload ELSE '{"level":0}' END,
                     '$.step', 'reminder')
  WHERE status = 'pending' AND kind IN ('claim_reminder', 'resolve_reminder');
UPDATE timers SET kind = substr(kind, 1, instr(kind, '_')) || 'limit'
  WHERE status = 'pending' AND kind IN ('claim_deadline', 'resolve_deadline');
)sql",
    // 16: the row counters of intake's inserts and the timers' status changes are kept by the
    // repositories (storage/counters.hpp), once per writer batch, instead of by a trigger per
    // row (8.7% of the writer's instructions). Deletions and the outbox's status changes keep
    // theirs. Recounted from the rows, so a count that ever drifted starts true again.
    R"sql(
DROP TRIGGER tickets_counted;
DROP TRIGGER outbox_counted;
DROP TRIGGER timers_counted;
DROP TRIGGER timers_recounted;
UPDATE counters SET value = (SELECT COUNT(*) FROM tickets) WHERE name = 'tickets';
UPDATE counters SET value = (SELECT COUNT(*) FROM outbox WHERE status = substr(counters.name, 8)) WHERE name LIKE 'outbox\_%' ESCAPE '\';
UPDATE counters SET value = (SELECT COUNT(*) FROM timers WHERE status = substr(counters.name, 8)) WHERE name LIKE 'timers\_%' ESCAPE '\';
)sql",
};

}  // namespace gridbot::storage
