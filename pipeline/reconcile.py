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

# One vote per document for each (state, event); the year most documents give,
# ties to the earliest-published document's year.
TIMELINE = """
create view timeline as
with votes as (
  select e.state, e.event, e.doc_id, e.year, e.as_of,
         min(e.start) as start
  from state_events e
  group by e.state, e.event, e.doc_id
),
year_votes as (
  select state, event, year, count(*) as n, min(as_of) as earliest
  from votes where year is not null
  group by state, event, year
),
ranked as (
  select state, event, year,
         row_number() over (partition by state, event order by n desc, earliest, year) as rank
  from year_votes
)
select v.state, s.name as state_name, v.event,
       (select year from ranked r where r.state = v.state and r.event = v.event and r.rank = 1) as year,
       min(v.as_of) as first_reported,
       count(distinct v.doc_id) as sources,
       case when (select count(*) from year_votes y where y.state = v.state and y.event = v.event) > 1
            then 1 else 0 end as conflict,
       (select '/-/evidence?doc_id=' || e.doc_id || '&start=' || e.evidence_start || '&end=' || e.evidence_end
                || '&mark_start=' || e.start || '&mark_end=' || e.end
          from state_events e join documents d on d.doc_id = e.doc_id
         where e.state = v.state and e.event = v.event
         order by e.year is null, d.published, e.doc_id limit 1) as evidence_url,
       json_group_array(distinct v.doc_id) as doc_ids
from votes v left join states s on s.code = v.state
group by v.state, v.event
order by v.state, case v.event when 'joined' then 1 when 'stl_installed' then 2 else 3 end
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
join (
  select doc_id, count(distinct state) as n, max(year) as last_year,
         count(distinct year) as years
  from state_events where event = 'joined' and year is not null
  group by doc_id
) j on j.doc_id = c.doc_id
where c.metric = 'states_participating' and c.state is null and c.qualifier = 'exact' and coalesce(c.confident, 1)
  and c.as_of = (select published from documents d where d.doc_id = c.doc_id)
  and j.years = j.last_year - {start_year} + 1
  and (select min(year) from state_events e where e.doc_id = c.doc_id and e.event = 'joined') = {start_year}
  and j.n != c.value
union all
-- documents disagree on the year of an event
select 'year_conflict', null, null, t.state, t.event,
       t.year, (select group_concat(distinct year) from state_events e
                 where e.state = t.state and e.event = t.event and e.year is not null),
       printf('Documents disagree on the year %s %s: years given are %s (timeline keeps %d)',
              coalesce(t.state_name, t.state), t.event,
              (select group_concat(y, ', ') from (select distinct year as y from state_events e
                 where e.state = t.state and e.event = t.event and e.year is not null order by y)), t.year),
       (select json_group_array(distinct e.doc_id) from state_events e
         where e.state = t.state and e.event = t.event and e.year is not null)
from timeline t where t.conflict = 1
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


def reconcile(db) -> None:
    """(Re)create the reconciliation views on a sqlite_utils Database."""
    start_year = int(rules.load("program").get("start_year", 2015))
    with db.atomic():
        for name in reversed(list(VIEWS)):
            db.execute(f"drop view if exists {name}")
        for name, sql in VIEWS.items():
            db.execute(sql.format(start_year=start_year, cumulative=CUMULATIVE_METRICS) if name == "checks" else sql)
