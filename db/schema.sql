-- steps: 0001_initial 0002_checklist 0003_stable_ids_sessions 0004_profile 0005_speech_headers 0008_card_scans 0009_seals 0011_item_kinds 0012_publication 0013_queue_rules_answer_links 0014_readback 0015_forward_task 0043_t8p_readback_lines
CREATE TABLE "_sqlite_migrations" (
   "id" INTEGER PRIMARY KEY,
   "migration_set" TEXT,
   "name" TEXT,
   "applied_at" TEXT
);
INSERT INTO "_sqlite_migrations" VALUES(1,'facilitator','0001_initial','2026-12-03 17:17:00.459528+00:00');
INSERT INTO "_sqlite_migrations" VALUES(2,'facilitator','0002_checklist','2026-12-03 17:17:00.459995+00:00');
INSERT INTO "_sqlite_migrations" VALUES(3,'facilitator','0003_stable_ids_sessions','2026-12-03 17:17:00.469968+00:00');
INSERT INTO "_sqlite_migrations" VALUES(4,'facilitator','0004_profile','2026-12-03 17:17:00.470410+00:00');
INSERT INTO "_sqlite_migrations" VALUES(5,'facilitator','0005_speech_headers','2026-12-03 17:17:00.470967+00:00');
INSERT INTO "_sqlite_migrations" VALUES(6,'facilitator','0008_card_scans','2026-12-03 17:17:00.471523+00:00');
INSERT INTO "_sqlite_migrations" VALUES(7,'facilitator','0009_seals','2026-12-03 17:17:00.472576+00:00');
INSERT INTO "_sqlite_migrations" VALUES(8,'facilitator','0011_item_kinds','2026-12-03 17:17:00.473005+00:00');
INSERT INTO "_sqlite_migrations" VALUES(9,'facilitator','0012_publication','2026-12-03 17:17:00.473979+00:00');
INSERT INTO "_sqlite_migrations" VALUES(10,'facilitator','0013_queue_rules_answer_links','2026-12-03 17:17:00.474785+00:00');
INSERT INTO "_sqlite_migrations" VALUES(11,'facilitator','0014_readback','2026-12-03 17:17:00.475096+00:00');
INSERT INTO "_sqlite_migrations" VALUES(12,'facilitator','0015_forward_task','2026-12-03 17:17:00.475412+00:00');
INSERT INTO "_sqlite_migrations" VALUES(13,'facilitator','0043_t8p_readback_lines','2026-12-03 17:17:00.475745+00:00');
CREATE TABLE "assignments" (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            petition_id INTEGER NOT NULL UNIQUE REFERENCES petitions(id) ON DELETE CASCADE,
            responsible TEXT NOT NULL,
            task TEXT NOT NULL DEFAULT '',
            due TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'answered')),
            answered_on TEXT,
            answer_form TEXT CHECK (answer_form IN ('direct', 'written')),
            note TEXT NOT NULL DEFAULT ''
        );
CREATE TABLE calendar_overrides (
            date TEXT PRIMARY KEY,
            kind TEXT NOT NULL CHECK (kind IN ('off', 'work')),
            note TEXT NOT NULL DEFAULT ''
        );
CREATE TABLE card_salts (
            meeting_id INTEGER PRIMARY KEY REFERENCES meetings(id) ON DELETE CASCADE,
            salt BLOB NOT NULL
        );
CREATE TABLE card_scans (
            meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
            digest TEXT NOT NULL,
            speaker_id INTEGER NOT NULL REFERENCES speakers(id) ON DELETE CASCADE,
            PRIMARY KEY (meeting_id, digest)
        );
CREATE TABLE checklist (
            meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
            key TEXT NOT NULL,
            done_on TEXT NOT NULL,
            PRIMARY KEY (meeting_id, key)
        );
CREATE TABLE deadline_rules (
            key TEXT PRIMARY KEY,
            offset INTEGER NOT NULL,
            unit TEXT NOT NULL CHECK (unit IN ('working_days', 'calendar_days')),
            anchor TEXT NOT NULL,
            reference TEXT NOT NULL,
            label TEXT NOT NULL
        );
INSERT INTO "deadline_rules" VALUES('evaluation',5,'calendar_days','meeting','Kế hoạch, mục III.3.1: chậm nhất 05 ngày sau hội nghị','Đánh giá, phân loại, chuyển cấp trên');
INSERT INTO "deadline_rules" VALUES('answer',15,'working_days','meeting','Kế hoạch, mục III.3.2: chậm nhất 15 ngày làm việc sau hội nghị','Trả lời, giải quyết kiến nghị');
INSERT INTO "deadline_rules" VALUES('publication',10,'calendar_days','meeting','Công khai kết quả tiếp xúc, đối thoại trong 10 ngày','Công khai kết quả');
CREATE TABLE "events" (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            meeting_id INTEGER REFERENCES meetings(id) ON DELETE CASCADE,
            at TEXT NOT NULL,
            actor TEXT NOT NULL,
            kind TEXT NOT NULL,
            payload TEXT NOT NULL DEFAULT '{}',
            undoable INTEGER NOT NULL DEFAULT 0,
            undoes INTEGER REFERENCES events(id)
        , session TEXT NOT NULL DEFAULT '');
CREATE TABLE meeting_profiles (
            meeting_id INTEGER PRIMARY KEY REFERENCES meetings(id) ON DELETE CASCADE,
            profile TEXT NOT NULL
        );
CREATE TABLE "meetings" (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            commune TEXT NOT NULL,
            village TEXT NOT NULL,
            date TEXT NOT NULL,
            start TEXT NOT NULL DEFAULT '08:00',
            place TEXT NOT NULL DEFAULT '',
            organiser TEXT NOT NULL DEFAULT '',
            chair_name TEXT NOT NULL DEFAULT '',
            chair_position TEXT NOT NULL DEFAULT '',
            secretary_name TEXT NOT NULL DEFAULT '',
            secretary_position TEXT NOT NULL DEFAULT '',
            slot_seconds INTEGER NOT NULL DEFAULT 300,
            announced_on TEXT,
            number TEXT,
            legal_basis TEXT NOT NULL DEFAULT '[]',
            citizens_present INTEGER NOT NULL DEFAULT 0,
            citizens_by_hamlet TEXT NOT NULL DEFAULT '{}',
            status TEXT NOT NULL DEFAULT 'draft'
                CHECK (status IN ('draft', 'live', 'concluded', 'closed')),
            phase_index INTEGER NOT NULL DEFAULT -1,
            registration_open INTEGER NOT NULL DEFAULT 1,
            started_at TEXT,
            ended_at TEXT,
            last_seen_at TEXT,
            conclusion TEXT NOT NULL DEFAULT '',
            assessment TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL
        , first_turns_first INTEGER NOT NULL DEFAULT 0, speech_budget_seconds INTEGER, readback_page INTEGER, readback_lines INTEGER);
CREATE TABLE "minutes" (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
            phase_position INTEGER NOT NULL DEFAULT -1,
            speaker_id INTEGER REFERENCES speakers(id) ON DELETE SET NULL,
            kind TEXT NOT NULL DEFAULT 'note'
                CHECK (kind IN ('note', 'phase', 'speech', 'outage')),
            text TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
CREATE TABLE "officials" (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            position TEXT NOT NULL DEFAULT '',
            grp TEXT NOT NULL DEFAULT '',
            seq INTEGER NOT NULL DEFAULT 0
        );
CREATE TABLE "petitions" (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
            seq INTEGER NOT NULL DEFAULT 0,
            content TEXT NOT NULL CHECK (length(content) > 0),
            field TEXT NOT NULL DEFAULT '',
            source TEXT NOT NULL DEFAULT 'meeting',
            speaker_id INTEGER REFERENCES speakers(id) ON DELETE SET NULL,
            answer TEXT,
            answered_by_name TEXT,
            answered_by_position TEXT,
            outcome TEXT CHECK (outcome IN ('answered', 'assigned', 'forwarded', 'noted')),
            forwarded_to TEXT,
            created_at TEXT NOT NULL
        , kind TEXT NOT NULL DEFAULT 'petition' CHECK (kind IN ('petition', 'feedback', 'complaint', 'denunciation')), satisfaction TEXT
            CHECK (satisfaction IN ('satisfied', 'unsatisfied', 'no_opinion')), answered_in INTEGER REFERENCES speakers(id) ON DELETE SET NULL, forward_task TEXT NOT NULL DEFAULT '');
CREATE TABLE "phases" (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            name TEXT NOT NULL,
            plan_ref TEXT NOT NULL DEFAULT '',
            started_at TEXT,
            ended_at TEXT,
            UNIQUE (meeting_id, position)
        );
CREATE TABLE profile (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );
CREATE TABLE publications (
            meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
            channel TEXT NOT NULL CHECK (channel IN ('office', 'hamlet', 'radio')),
            hamlet TEXT NOT NULL DEFAULT '',
            done_on TEXT NOT NULL,
            PRIMARY KEY (meeting_id, channel, hamlet)
        );
CREATE TABLE seals (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            sealed_at TEXT NOT NULL,
            sealed_by TEXT NOT NULL DEFAULT '',
            reason TEXT NOT NULL DEFAULT '',
            change TEXT NOT NULL DEFAULT '{}',
            previous TEXT NOT NULL DEFAULT '',
            items TEXT NOT NULL,
            digest TEXT NOT NULL,
            UNIQUE (meeting_id, seq)
        );
CREATE TABLE "slots" (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
            speaker_id INTEGER NOT NULL REFERENCES speakers(id) ON DELETE CASCADE,
            role TEXT NOT NULL DEFAULT 'citizen' CHECK (role IN ('citizen', 'official')),
            started_at TEXT NOT NULL,
            paused_at TEXT,
            paused_total REAL NOT NULL DEFAULT 0,
            limit_seconds INTEGER NOT NULL,
            ended_at TEXT
        );
CREATE TABLE "speakers" (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
            name TEXT NOT NULL CHECK (length(name) > 0),
            title TEXT NOT NULL DEFAULT '',
            hamlet TEXT NOT NULL DEFAULT '',
            gist TEXT NOT NULL DEFAULT '',
            field TEXT NOT NULL DEFAULT '',
            slip INTEGER,
            registered TEXT NOT NULL DEFAULT 'meeting' CHECK (registered IN ('before', 'meeting')),
            priority INTEGER NOT NULL DEFAULT 0,
            kind TEXT NOT NULL DEFAULT 'speech' CHECK (kind IN ('speech', 'follow_up', 'answer')),
            follows_id INTEGER REFERENCES speakers(id),
            state TEXT NOT NULL DEFAULT 'waiting'
                CHECK (state IN ('waiting', 'speaking', 'done', 'absent', 'withdrawn')),
            reason TEXT NOT NULL DEFAULT '',
            seq REAL NOT NULL,
            limit_seconds INTEGER,
            created_at TEXT NOT NULL
        );
CREATE UNIQUE INDEX "idx__sqlite_migrations_migration_set_name"
    ON "_sqlite_migrations" ("migration_set", "name");
CREATE INDEX speakers_queue ON speakers (meeting_id, state, seq);
CREATE INDEX slots_meeting ON slots (meeting_id, ended_at);
CREATE INDEX minutes_meeting ON minutes (meeting_id, id);
CREATE INDEX events_meeting ON events (meeting_id, id);
CREATE INDEX events_session ON events (meeting_id, session, id);
CREATE TRIGGER seals_never_updated BEFORE UPDATE ON seals
        BEGIN
            SELECT RAISE(ABORT, 'seals are never updated');
        END;
DELETE FROM "sqlite_sequence";
INSERT INTO "sqlite_sequence" VALUES('meetings',0);
INSERT INTO "sqlite_sequence" VALUES('phases',0);
INSERT INTO "sqlite_sequence" VALUES('officials',0);
INSERT INTO "sqlite_sequence" VALUES('speakers',0);
INSERT INTO "sqlite_sequence" VALUES('slots',0);
INSERT INTO "sqlite_sequence" VALUES('minutes',0);
INSERT INTO "sqlite_sequence" VALUES('petitions',0);
INSERT INTO "sqlite_sequence" VALUES('assignments',0);
INSERT INTO "sqlite_sequence" VALUES('events',0);
