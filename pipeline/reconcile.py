"""Reconcile per-document facts into the program timeline, metric series and checks.

Everything here is a SQL view over ``documents``, ``claims`` and
``state_events``: it is always current after a run, deterministic, and users
read in Datasette the same SQL the pipeline runs. ``reconcile`` (re)creates the
views at the end of every run so a rule or SQL change here reaches old
databases too.
"""

from __future__ import annotations

from pipeline import rules

CUMULATIVE_METRICS = "('states_participating', 'stl_installed', 'plans_published', 'commitments')"

# One vote per document for each (state, event); the year most documents give, ties to the
# earliest-published document's year. Every step is a join or a window over the whole table, not a
# lookup per row: a run that adds a thousand bulletins or more drops the (state, event) index while it
# writes (see Store.query_indexes_deferred), and Datasette keeps answering from this view meanwhile.
TIMELINE = """
create view timeline as
with votes as (
  select state, event, doc_id, year, as_of, start, "end", evidence_start, evidence_end
  from state_events group by state, event, doc_id
),
year_votes as (
  select state, event, year, count(*) as n, min(as_of) as earliest
  from votes where year is not null
  group by state, event, year
),
kept as (
  select state, event, year, count(*) over (partition by state, event) as years,
         row_number() over (partition by state, event order by n desc, earliest, year) as rank
  from year_votes
),
asserted as (
  select state, event, min(as_of) as first_reported, count(*) as sources, json_group_array(doc_id) as doc_ids
  from votes group by state, event
),
-- The date of each event the kept year's documents give: its date, or its year where the text
-- gives no finer date (a year is a date at the precision of a year).
dated as (
  select e.state, e.event, coalesce(e.date, cast(e.year as text)) as day
  from state_events e join kept k on k.state = e.state and k.event = e.event and k.rank = 1
  where e.year = k.year and substr(coalesce(e.date, e.year), 1, 4) = cast(k.year as text)
),
candidates as (
  select state, event, day as candidate from dated
  union select state, event, substr(day, 1, 7) from dated where length(day) > 7
  union select state, event, substr(day, 1, 4) from dated where length(day) > 4
),
-- The finest candidate that no dated document contradicts: each one's date either refines it
-- (2017-05-11 refines 2017-05) or is refined by it. Those candidates form one chain, 2017 <
-- 2017-05 < 2017-05-11, so the greatest is the finest.
agreed as (
  select c.state, c.event, max(c.candidate) as date
  from candidates c
  where not exists (
    select 1 from dated d
    where d.state = c.state and d.event = c.event
      and substr(d.day, 1, length(c.candidate)) != c.candidate
      and substr(c.candidate, 1, length(d.day)) != d.day)
  group by c.state, c.event
),
-- Lists complete by their own count: a document's figure of the event's cumulative metric equals
-- the number of states it lists for that event in the same sentence.
complete_lists as (
  select c.doc_id, c.as_of, m.event
  from claims c join ({metric_events}) m on m.metric = c.metric
  where c.state is null and c.qualifier = 'exact' and c.listed_states = c.value and c.as_of is not null
),
-- The sentence to show: the earliest-published document that gives a year, else the earliest
-- (SQLite takes the bare columns from the row min() picks).
evidence as (
  select state, event, min((year is null) || coalesce(as_of, '0000-00-00') || doc_id) as first,
         '/-/evidence?doc_id=' || doc_id || '&start=' || evidence_start || '&end=' || evidence_end
           || '&mark_start=' || start || '&mark_end=' || "end" as url
  from votes group by state, event
)
select a.state, s.name as state_name, a.event, k.year, a.first_reported, a.sources,
       coalesce(k.years, 0) > 1 as conflict,
       g.date,
       case when g.date is null then (
         select max(l.as_of) from complete_lists l
         where l.event = a.event and l.as_of < a.first_reported
           and not exists (select 1 from votes v where v.doc_id = l.doc_id and v.state = a.state and v.event = a.event)
       ) end as not_before,
       x.url as evidence_url, a.doc_ids
from asserted a
left join kept k on k.state = a.state and k.event = a.event and k.rank = 1
left join agreed g on g.state = a.state and g.event = a.event
left join evidence x on x.state = a.state and x.event = a.event
left join states s on s.code = a.state
order by a.state, case a.event when 'joined' then 1 when 'stl_installed' then 2 else 3 end
"""

METRIC_SERIES = """
create view metric_series as
select metric, state, as_of, value, qualifier,
       count(distinct doc_id) as sources,
       json_group_array(distinct doc_id) as doc_ids
from claims
group by metric, state, as_of, value, qualifier
order by metric, state, as_of, value
"""

# Lower and upper bounds a qualified figure allows, for the decreasing check.
BOUNDS = """
create view claim_bounds as
select c.*,
       case qualifier when 'more_than' then value + 1 when 'approx' then value * 0.9
                      when 'less_than' then 0 when 'at_most' then 0 else value end as low,
       case qualifier when 'more_than' then 1e18 when 'at_least' then 1e18 when 'approx' then value * 1.1
                      when 'less_than' then value - 1 else value end as high
from claims c
"""

# Every check compares only figures read with confidence (claims.confident, see ClaimReader._confident): a
# figure in a quotation, or one that may be one state's, would report its own misreading as a contradiction.
CHECKS = """
create view checks as
-- Each part is one pass over its table, not a look-up per row: a run that adds a thousand bulletins
-- or more drops the indexes on state_events and claims while it writes, and Datasette answers meanwhile.
-- For the decreasing check: each day's highest lower bound of a cumulative program-wide figure,
-- the highest stated on any earlier day (stated_before), and the days that raised it (records),
-- with the first claim to state each. Comparing every pair of claims instead cost minutes at a few
-- thousand bulletins; this is one pass over the claims and one over the days.
with bounds as (
  select doc_id, metric, value, qualifier, as_of, low, high from claim_bounds
  where metric in {cumulative} and state is null and as_of is not null and coalesce(confident, 1)
),
days as (
  select metric, as_of, max(low) as day_low,
         max(max(low)) over (partition by metric order by as_of
                             rows between unbounded preceding and 1 preceding) as stated_before
  from bounds group by metric, as_of
),
records as (
  -- value and qualifier come from the row min() picks (SQLite's rule for bare columns beside one min())
  select d.metric, d.day_low as low, d.as_of, min(b.doc_id) as doc_id, b.value, b.qualifier
  from days d join bounds b on b.metric = d.metric and b.as_of = d.as_of and b.low = d.day_low
  where d.stated_before is null or d.day_low > d.stated_before
  group by d.metric, d.as_of
),
falls as (
  select later.doc_id, later.metric, later.value, later.qualifier, later.as_of,
         earlier.as_of as earlier_as_of, earlier.doc_id as earlier_doc_id,
         earlier.value as earlier_value, earlier.qualifier as earlier_qualifier
  from bounds later
  join days d on d.metric = later.metric and d.as_of = later.as_of
  join records earlier on earlier.metric = later.metric and earlier.low = d.stated_before
  where later.high < d.stated_before
  order by later.doc_id, later.metric, later.value, later.qualifier
),
-- For the sum check: each document's joining lists, year by year.
joining_lists as (
  select doc_id, count(distinct state) as n, min(year) as first_year, max(year) as last_year,
         count(distinct year) as years
  from state_events where event = 'joined' and year is not null
  group by doc_id
),
-- For the year check: the years documents give an event whose years conflict, in order.
conflicting as (
  select t.state, t.state_name, t.event, t.year as kept, e.year, e.doc_id
  from timeline t join state_events e on e.state = t.state and e.event = t.event
  where t.conflict = 1 and e.year is not null
),
conflicting_years as (
  select state, state_name, event, kept, group_concat(year) as found, group_concat(year, ', ') as listed,
         (select json_group_array(distinct doc_id) from conflicting c
           where c.state = y.state and c.event = y.event) as doc_ids
  from (select distinct state, state_name, event, kept, year from conflicting order by state, event, year) y
  group by state, event
)
-- a stated figure differs from the number of states listed with it; a list shorter
-- than half the figure names the newest states ("con la adhesión de Puebla, llegó a
-- 30"), not all of them, and is not compared
select 'list_count_mismatch' as "check", c.doc_id, c.metric, c.state, null as event,
       c.value as expected, c.listed_states as found,
       printf('%s says %s %s but lists %d states for it in the same sentence: "%s"',
              c.doc_id, c.value, c.metric, c.listed_states, c.evidence) as detail,
       json_array(c.doc_id) as doc_ids
from claims c
where c.listed_states is not null and c.qualifier = 'exact' and c.listed_states != c.value
  and c.listed_states * 2 >= c.value and coalesce(c.confident, 1)
union all
-- the participating figure differs from the states the document says joined, year by year
select 'sum_mismatch', c.doc_id, c.metric, null, 'joined', c.value, j.n,
       printf('%s says %d states take part, but its joining lists for %d–%d add up to %d states',
              c.doc_id, c.value, {start_year}, j.last_year, j.n),
       json_array(c.doc_id)
from claims c
cross join joining_lists j on j.doc_id = c.doc_id  -- claims first: j is found by an automatic index
join documents d on d.doc_id = c.doc_id
where c.metric = 'states_participating' and c.state is null and c.qualifier = 'exact' and coalesce(c.confident, 1)
  and c.as_of = d.published
  and j.first_year = {start_year} and j.years = j.last_year - {start_year} + 1
  and j.n != c.value
union all
-- documents disagree on the year of an event
select 'year_conflict', null, null, y.state, y.event, y.kept, y.found,
       printf('Documents disagree on the year %s %s: years given are %s (timeline keeps %d)',
              coalesce(y.state_name, y.state), y.event, y.listed, y.kept),
       y.doc_ids
from conflicting_years y
union all
-- a cumulative figure falls below what an earlier document stated (a check across
-- documents, so doc_id is null; doc_ids names the earlier and the later one)
select 'decreasing_cumulative', null, f.metric, null, null,
       f.earlier_value, f.value,
       printf('%s (%s) gives %s %s %s, below the %s %s stated by %s on %s',
              f.doc_id, f.as_of, f.qualifier, f.value, f.metric,
              f.earlier_qualifier, f.earlier_value, f.earlier_doc_id, f.earlier_as_of),
       json_array(f.earlier_doc_id, f.doc_id)
from falls f
"""

# One pass over the timeline and one over the state mentions, joined to the states: as subqueries
# per state, the timeline view was computed five times for each of the 32 states.
STATE_STATUS = """
create view state_status as
with reached as (
  select state, max(case when event = 'joined' then year end) as joined_year,
         max(event = 'joined') as joined, max(event = 'stl_installed') as stl_installed,
         max(event = 'plan_published') as plan_published
  from timeline group by state
),
named as (
  select value as state, count(distinct doc_id) as documents
  from mentions where kind = 'state' and role = 'body' group by value
)
select s.code as state, s.name as state_name, s.lat as latitude, s.lon as longitude,
       r.joined_year,
       coalesce(r.joined, 0) as joined,
       coalesce(r.stl_installed, 0) as stl_installed,
       coalesce(r.plan_published, 0) as plan_published,
       case when r.plan_published then 'plan published'
            when r.stl_installed then 'STL installed'
            when r.joined then 'joined'
            else 'not reported' end as status,
       coalesce(n.documents, 0) as documents
from states s left join reached r on r.state = s.code left join named n on n.state = s.code
order by s.code
"""

CLAIM_EVIDENCE = """
create view claim_evidence as
select c.doc_id, d.published, c.metric, c.state, c.value, c.qualifier, c.as_of,
       substr(d.text, c.start + 1, c."end" - c.start) as figure, c.evidence,
       '/-/evidence?doc_id=' || c.doc_id || '&start=' || c.evidence_start || '&end=' || c.evidence_end
         || '&mark_start=' || c.start || '&mark_end=' || c."end" as evidence_url
from claims c join documents d on d.doc_id = c.doc_id
order by d.published, c.doc_id, c.start
"""

EVENT_EVIDENCE = """
create view event_evidence as
select e.doc_id, d.published, e.state, s.name as state_name, e.event, e.year, e.as_of,
       substr(d.text, e.start + 1, e."end" - e.start) as state_as_written, e.evidence,
       '/-/evidence?doc_id=' || e.doc_id || '&start=' || e.evidence_start || '&end=' || e.evidence_end
         || '&mark_start=' || e.start || '&mark_end=' || e."end" as evidence_url
from state_events e join documents d on d.doc_id = e.doc_id left join states s on s.code = e.state
order by e.state, e.event, d.published
"""

VIEWS = {
    "timeline": TIMELINE,
    "metric_series": METRIC_SERIES,
    "claim_bounds": BOUNDS,
    "checks": CHECKS,
    "state_status": STATE_STATUS,
    "claim_evidence": CLAIM_EVIDENCE,
    "event_evidence": EVENT_EVIDENCE,
}


def metric_events() -> str:
    """SQL rows (metric, event): the cumulative metrics that count the states having an event (rules/metrics.yml)."""
    metrics = rules.load("metrics")["metrics"]
    rows = [
        f"select '{name}' as metric, '{spec['event']}' as event"
        for name, spec in metrics.items()
        if spec.get("cumulative") and spec.get("event")
    ]
    return " union all ".join(rows) or "select null as metric, null as event where 0"


def reconcile(db) -> None:
    """(Re)create the reconciliation views on a sqlite_utils Database."""
    params = {
        "start_year": int(rules.load("program").get("start_year", 2015)),
        "cumulative": CUMULATIVE_METRICS,
        "metric_events": metric_events(),
    }
    with db.atomic():
        for name in reversed(list(VIEWS)):
            db.execute(f"drop view if exists {name}")
        for sql in VIEWS.values():
            db.execute(sql.format(**params))
