"""Answering: the router (router.py) reads a question against the corpus (turn.py) and hands it to the module of
its kind — one KPI (kpi), KPI lists (kpi_list), counts (count), project facts by cue word (facts → budget,
period, department, evaluation), derived numbers (derived, on the pure arithmetic), topics (topic), activities,
quoted passages (passage), follow-ups on the last answer (conversation) and small talk (smalltalk). They share the
corpus look-ups and the way an answer is finished or refused (context.py). A new kind of question is one new
module and one line in the router."""
