"""Short author-year labels for the course bibliography's keys (generated).

Generated from book/references.bib by scripts/make_citations.py; do not edit.

Examples
--------
>>> cite('illustrative; shape from heskett1994')
'illustrative; shape from Heskett et al. 1994'
"""

from __future__ import annotations

import re

__all__ = ["LABELS", "cite"]

LABELS: dict[str, str] = {
    'anderson1993': 'Anderson and Sullivan 1993',
    'anderson1994': 'Anderson et al. 1994',
    'anderson2000': 'Anderson and Mittal 2000',
    'barlow2008': 'Barlow and Møller 2008',
    'bitner1990': 'Bitner et al. 1990',
    'bowen1992': 'Bowen and Lawler 1992',
    'brown1993': 'Brown et al. 1993',
    'carlzon1987': 'Carlzon 1987',
    'colombo1999': 'Colombo and Jiang 1999',
    'cronin1992': 'Cronin and Taylor 1992',
    'day1977': 'Day and Landon 1977',
    'dematos2007': 'de Matos et al. 2007',
    'dick1994': 'Dick and Basu 1994',
    'fader2005': 'Fader et al. 2005a',
    'fader2005rfm': 'Fader et al. 2005b',
    'fader2013gg': 'Fader and Hardie 2013',
    'fang2008': 'Fang et al. 2008',
    'gebauer2005': 'Gebauer et al. 2005',
    'gilmore1997': 'Gilmore and Pine 1997',
    'gregoire2009': 'Grégoire et al. 2009',
    'griffin1997': 'Griffin 1997',
    'gupta2003': 'Gupta and Lehmann 2003',
    'gupta2005': 'Gupta and Lehmann 2005',
    'hammer1993': 'Hammer and Champy 1993',
    'hart1988': 'Hart 1988',
    'hart1990': 'Hart et al. 1990',
    'hauser1988': 'Hauser and Clausing 1988',
    'heskett1994': 'Heskett et al. 1994',
    'hirschman1970': 'Hirschman 1970',
    'hochschild1983': 'Hochschild 1983',
    'hughes2006': 'Hughes 2006',
    'ittner2003': 'Ittner and Larcker 2003',
    'jamieson1989': 'Jamieson and Bass 1989',
    'jones1995': 'Jones and Sasser 1995',
    'kamakura2002': 'Kamakura et al. 2002',
    'kaplan1992': 'Kaplan and Norton 1992',
    'kaplan1996': 'Kaplan and Norton 1996',
    'kaplan2004': 'Kaplan and Norton 2004',
    'liu2007': 'Liu 2007',
    'lo2002': 'Lo 2002',
    'lovelock2011': 'Lovelock and Wirtz 2011',
    'magnini2007': 'Magnini et al. 2007',
    'martilla1977': 'Martilla and James 1977',
    'maxham2002': 'Maxham and Netemeyer 2002',
    'mcdougall1998': 'McDougall et al. 1998',
    'michel2008': 'Michel and Meuter 2008',
    'mittal1998': 'Mittal et al. 1998',
    'morwitz2007': 'Morwitz et al. 2007',
    'neely2008': 'Neely 2008',
    'normann1984': 'Normann 1984',
    'norreklit2000': 'Nørreklit 2000',
    'orsingher2010': 'Orsingher et al. 2010',
    'parasuraman1985': 'Parasuraman et al. 1985',
    'parasuraman1988': 'Parasuraman et al. 1988',
    'parasuraman1994': 'Parasuraman et al. 1994',
    'peppers1993': 'Peppers and Rogers 1993',
    'peppers2004': 'Peppers and Rogers 2004',
    'radcliffe1999': 'Radcliffe and Surry 1999',
    'reichheld1990': 'Reichheld and Sasser 1990',
    'reichheld1996': 'Reichheld 1996',
    'reinartz2000': 'Reinartz and Kumar 2000',
    'reinartz2002': 'Reinartz and Kumar 2002',
    'schlesinger1991': 'Schlesinger and Heskett 1991',
    'sharp1997': 'Sharp and Sharp 1997',
    'silvestro2000': 'Silvestro and Cross 2000',
    'singh1990': 'Singh 1990',
    'smith1999': 'Smith et al. 1999',
    'tarp1986': 'Technical Assistance Research Programs 1986',
    'tax1998': 'Tax et al. 1998',
    'vandermerwe1988': 'Vandermerwe and Rada 1988',
    'ward2006': 'Ward and Ostrom 2006',
    'wirtz2000': 'Wirtz et al. 2000',
    'wirtz2004': 'Wirtz and Kum 2004',
    'wise1999': 'Wise and Baumgartner 1999',
    'wubben2008': 'Wübben and von Wangenheim 2008',
    'zeithaml1993': 'Zeithaml et al. 1993',
}


def cite(text: str) -> str:
    """Replace every bib key in ``text`` with its author-year label."""
    return re.sub(r"\b[a-z][a-z]+\d{4}[a-z]?\b",
                  lambda m: LABELS.get(m.group(0), m.group(0)), text)
