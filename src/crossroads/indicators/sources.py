"""BibTeX for every source behind the indicator series, keyed by the ``source`` column of the tables.

The entries restate the citations of ``../shared/data/SOURCES.md`` (and the
files' own headers); nothing is added that those do not give.
"""

from __future__ import annotations

PEACESCIENCER = """@article{miller2022peacesciencer,
  author = {Miller, Steven V.},
  title = {{peacesciencer}: An R Package for Quantitative Peace Science Research},
  journal = {Conflict Management and Peace Science},
  year = {2022}, volume = {39}, number = {6}, pages = {755--779},
  doi = {10.1177/07388942221077926}
}"""

BIBTEX: dict[str, str] = {
    "usaid-foreign-aid-explorer": """@misc{usaid_fae,
  author = {{U.S. Agency for International Development} and {U.S. Department of State}},
  title = {Foreign Aid Explorer / ForeignAssistance.gov: us\\_foreign\\_aid\\_country.csv (country summary)},
  note = {Obligations (transaction type 2), FY1946--FY2025; constant dollars = FY2024}
}""",
    "usaid-greenbook": """@misc{usaid_greenbook,
  author = {{U.S. Agency for International Development}},
  title = {U.S. Overseas Loans and Grants: Obligations and Loan Authorizations (Greenbook)},
  note = {As packaged in Flynn, M. E. (2021), greenbook: Tools for Analyzing US Foreign Policy Spending
          Data, R package v0.1.0, github.com/meflynn/greenbook}
}""",
    "crs-pakistan-aid": """@techreport{crs_pakistan_aid,
  author = {Kronstadt, K. Alan and Epstein, Susan B.},
  institution = {Congressional Research Service},
  title = {Direct Overt U.S. Aid Appropriations for and Military Reimbursements to Pakistan},
  note = {Versions of 2013-10-24, 2014-03-06 and 2019-03-12}
}""",
    "dsca-historical-sales-book": """@misc{dsca_hsb2024,
  author = {{Defense Security Cooperation Agency}},
  title = {Historical Sales Book, Fiscal Years 1950--2024},
  note = {FY2024 edition, U.S. Department of Defense}
}""",
    "sipri-arms-transfers": """@misc{sipri_at,
  author = {{Stockholm International Peace Research Institute}},
  title = {{SIPRI} Arms Transfers Database},
  note = {Importer TIV tables generated 24 July 2016; volume of transfers generated 13 Oct 2024}
}""",
    "unvotes": """@incollection{voeten2013unga,
  author = {Voeten, Erik},
  title = {Data and Analyses of Voting in the {UN} General Assembly},
  booktitle = {Routledge Handbook of International Organization},
  editor = {Reinalda, Bob}, year = {2013}
}
@misc{voeten_unga_data,
  author = {Voeten, Erik and Strezhnev, Anton and Bailey, Michael},
  title = {United Nations General Assembly Voting Data},
  howpublished = {Harvard Dataverse, hdl:1902.1/12379},
  note = {Via the unvotes R package by David Robinson}
}""",
    "unga-ideal-points": """@article{bailey2017idealpoints,
  author = {Bailey, Michael A. and Strezhnev, Anton and Voeten, Erik},
  title = {Estimating dynamic state preferences from United Nations voting data},
  journal = {Journal of Conflict Resolution},
  year = {2017}, volume = {61}, number = {2}, pages = {430--456},
  note = {Ideal points, July 2025 version}
}""",
    "atop-5.1": """@article{leeds2002atop,
  author = {Leeds, Brett Ashley and Ritter, Jeffrey M. and Mitchell, Sara McLaughlin and Long, Andrew G.},
  title = {Alliance Treaty Obligations and Provisions, 1815--1944},
  journal = {International Interactions}, year = {2002}, volume = {28}, pages = {237--260},
  note = {ATOP v5.1}
}""",
    "cow-alliances-4.1": """@book{gibler2009alliances,
  author = {Gibler, Douglas M.},
  title = {International Military Alliances, 1648--2008},
  publisher = {CQ Press}, year = {2009},
  note = {COW Formal Alliances v4.1}
}""",
    "cow-war-inter-4.0": """@book{sarkees2010resort,
  author = {Sarkees, Meredith Reid and Wayman, Frank},
  title = {Resort to War: 1816--2007}, publisher = {CQ Press}, year = {2010}
}""",
    "gml-mid-2.2.1": """@article{gibler2016mid,
  author = {Gibler, Douglas M. and Miller, Steven V. and Little, Erin K.},
  title = {An Analysis of the Militarized Interstate Dispute (MID) Dataset, 1816--2001},
  journal = {International Studies Quarterly}, year = {2016}, volume = {60}, number = {4}, pages = {719--730}
}""",
    "cow-mid-5.0": """@article{palmer2022mid5,
  author = {Palmer, Glenn and others},
  title = {The {MID5} Dataset, 2011--2014: Procedures, coding rules, and description},
  journal = {Conflict Management and Peace Science}, year = {2022},
  doi = {10.1177/0738894221995743}
}""",
    "ucdp-acd-25.1": """@article{gleditsch2002acd,
  author = {Gleditsch, Nils Petter and Wallensteen, Peter and Eriksson, Mikael and Sollenberg, Margareta
            and Strand, H{\\aa}vard},
  title = {Armed Conflict 1946--2001: A New Dataset},
  journal = {Journal of Peace Research}, year = {2002}, volume = {39}, number = {5}, pages = {615--637}
}
@article{davies2025ucdp,
  author = {Davies, S. and Pettersson, T. and Sollenberg, M. and {\\"O}berg, M.},
  title = {Organized violence 1989--2024, and the challenges of identifying civilian victims},
  journal = {Journal of Peace Research}, year = {2025}, volume = {62}, number = {4}
}""",
    "cow-nmc-7.0": """@article{singer1987nmc,
  author = {Singer, J. David},
  title = {Reconstructing the Correlates of War Dataset on Material Capabilities of States, 1816--1985},
  journal = {International Interactions}, year = {1987}, volume = {14}, number = {1}, pages = {115--132},
  note = {NMC v7.0}
}""",
    "crossroads-chronology": """@misc{crossroads_chronology,
  author = {{Crossroads contributors}},
  title = {Crossroads curated chronology of Pakistan--US relations and the Kashmir dispute, 1947--2021},
  year = {2026}, note = {Every event cites its own sources}
}""",
}

# Sources that reach us through the peacesciencer package, which asks to be cited as well.
VIA_PEACESCIENCER = {
    "atop-5.1",
    "cow-alliances-4.1",
    "cow-war-inter-4.0",
    "gml-mid-2.2.1",
    "cow-mid-5.0",
    "cow-nmc-7.0",
}
