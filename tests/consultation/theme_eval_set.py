"""A labelled evaluation set for theme analysis of a national digital-skills conversation.

Written for this project: short contributions in the voices of health and care staff, each with
the theme a human reader would give it. Some are misspelt or in text-speak and some touch two
topics (labelled by the main one), so the measurement reflects real contributions.
"""

# ruff: noqa: E501  (one contribution per line reads better than strings split mid-sentence)

from __future__ import annotations

_PROTECTED_TIME = """
As a band 5 nurse I never get protected time to do my mandatory training, I end up doing it at home on my days off.
We need time set aside in the rota for learning. Nobody can do digital training when the ward is short staffed.
Porters are expected to do the online modules but we are never taken off the rota to do them.
My manager says training is important but then cancels it every time we are busy, which is always.
Give us half a day a month ring-fenced for learning new systems and I guarantee people would use it.
i do all my elearning at 2am on nights when its quiet, thats the only time i get
Protected learning time exists on paper for doctors but in practice clinics overrun and it disappears.
Physios on our team get one CPD afternoon a month and it is always the first thing to go.
Training happens in our own time and unpaid. That needs to stop if you want people to get better at digital.
Honestly the biggest barrier is time, not willingness. Staff want to learn but there is no slack in the day.
Could backfill be funded so healthcare assistants can actually attend the digital skills sessions?
We were told to complete the new system traning before go-live but were given no hours to do it.
Paramedics finish a shift and are then asked to do an hour of modules, after twelve hours on the road.
Receptionists cant leave the front desk so training never happens during opening hours.
Please build study time into job plans. Otherwise it is just goodwill and goodwill has run out.
Time to train is treated as a luxury here. Managers need to see it as part of the job.
I would love to learn more about Excel but I have no time in the working week to sit down with it.
Midwives on the labour ward cannot step away for training, the numbers just dont allow it.
Mandatory training is squeezed into lunch breaks, which means no proper lunch and no proper learning.
Night staff miss every face to face session because they're always run in the day.
It would help if digital training counted as working hours and was recorded on the rota like any other shift.
We get sent links to courses with a deadline but no time to complete them, so they get rushed.
If there was an hour a week protected for learning I'd finally get my head round the EPR properly.
The junior doctors have teaching, but the nurses and HCAs get nothing comparable for digital skills.
Agency and bank staff are never given paid time to learn our systems, then get blamed for mistakes.
Time time time. Everyone agrees training matters, nobody gives us the hours.
Our admin team were promised a training day when the new software came in, it never materialised.
proper protected time pls, not fit it in when you can which means never
As a community nurse I do my training in the car between visits, which isnt safe or effective.
Part time staff are hit hardest because the training load is the same but the hours are fewer.
When we are short, training is the first thing cancelled. It needs to be ring fenced like patient care.
Team leaders should be able to release people for training without having to justify it every time.
Occupational therapists in our trust have had study leave frozen for two years now.
Learning during shifts is constantly interupted by bleeps, you cant concentrate for ten minutes.
I'd do more training if I was paid for it. At the moment its all done on my own time at home.
Please stop scheduling digital training on days when clinics are fully booked.
We need cover arranged so people can go to training, otherwise the patients suffer or the training does.
The pharmacy team have no slack at all. Asking us to learn new tools without time is unrealistic.
Catering and domestic staff never get time off the floor to do any learning at all.
The problem isnt the content of the training, it's finding an hour in the day to do it.
Give ward managers a budget for backfill so staff can be freed up for digital learning.
Radiographers work through breaks as it is. There is simply no time left for courses.
Protected time should be written into the contract not left to the goodwill of individual managers.
We were told to use our quiet time for training but there is no such thing as quiet time in ED.
Students get dedicated learning time but once qualified that all vanishes overnight.
Learning is seen as something you do after work, like a hobby. That culture has to change.
My CPD allowance is meant to be protected, its been cancelled three months running due to staffing.
Even 20 minutes at the start of a shift to practise on the new system would make a diffrence.
Doctors in training have to do loads of e-portfolio stuff in their own evenings, no time in the rota.
Bank holidays and weekends are when I catch up on training, which is wrong.
Our porters had a tablet rollout with no training time, we just had to pick it up on the go.
Time for learning should be monitored like sickness absence, so managers are accountable for it.
I'm a ward clerk and I've never once been given time to attend a course in eleven years.
no time to train. simple as that
Every year the training matrix gets longer and the time to do it gets shorter.
"""

_DEVICES = """
There are four computers on our ward for thirty staff, so there's always a queue to write notes.
The PCs in our office take fifteen minutes to start up in the morning, they must be ten years old.
Porters have no access to a computer at all, so we can't even check our payslips or emails at work.
We need more laptops on wheels so nurses can document at the bedside instead of at the station.
My work laptop is so slow that I use my own phone for half of what I need to do.
Community physios share one laptop between three of us, which means someone is always waiting.
The keyboards are filthy and half the mice don't work properly. Basic kit would help.
Paramedics are given tablets that crash constantly and the batteries don't last a shift.
Our reception has one printer that jams every day and nobody knows who to call.
Please can we have second screens? Flicking between the record and the results system on one screen is painful.
Not enough devices. Simple. We fight over the computers every handover.
The handheld devices for obs are great when they work but there are only two per bay.
I have to bring my own personal laptop in to do my job properly because the trust one is so outdated.
Staff without a work email or device are cut off from everything, including the learning platform.
The computers in the staff room are always broken or someone has locked them.
Midwives doing home visits need proper tablets, not the clunky old laptops we were issued years ago.
ward pcs are ancient, windows updates take forever and then it restarts mid note
Healthcare assistants aren't allowed to use the ward computers, so we can't record anything ourselves.
We need devices that are quick to start at the bedside, not a desktop in a corridor.
Our GP practice still has monitors from the early 2000s, the text is tiny and blurry.
There's no computer in the theatre recovery area so we write on paper and type it up later.
Could every clinical team have at least one decent laptop with a webcam for meetings?
The hospital spends millions on systems then gives us hardware that can barely run them.
Domestic staff have no way to access online training because there are no computers for us to use.
My tablet doesn't have enough storage for the apps we're told to use.
Admin staff are sharing desks and PCs, it's impossible to get work done when you're hot desking.
The dictation machines keep breaking and there are no spares, so letters are delayed by weeks.
Give us modern kit. Half the digital skills problem is that the equipment is so bad people give up.
The scanners on the ward don't read wristbands half the time so we type the numbers in manually.
Pharmacists on the wards have no mobile device, we have to find a free computer to check anything.
my work phone is a brick from 2015 and cant run teams
Headsets and webcams are missing from most clinic rooms, and the few we have are broken.
Community teams need laptops that actually work in the car, with decent batteries.
There's one computer per ten staff in our outpatient department. It's ridiculous.
We were promised iPads for each bay last year and still nothing has arrived.
The old PCs freeze when you open more than two programmes at once.
OTs need devices to show patients exercises and equipment videos at home visits.
The computer on wheels has a wobbly wheel and a dead battery and everyone avoids it.
Estates staff don't get a device, so job requests still come on paper.
Replacement kit takes months to arrive when something breaks, so we're left without.
Radiology reporting stations are fine but everywhere else the computers are painfully slow.
Everyone shares the same few PCs on the unit, it would be better if we each had a device.
Laptops are so heavy and old that community nurses leave them in the car.
We need enough kit for students too. They end up watching over our shoulders because there are no spare PCs.
The hardware is the bottleneck. Nobody can develop digital skills on a machine that takes five minutes to open a file.
Receptionists need a second monitor to manage the phone queue and the appointment book together.
Can we have a device loan scheme so staff without a computer at home can do training?
The printer on our floor has been broken for three weeks and we still print loads of forms.
A decent tablet for each paramedic crew would save so much time on handovers.
Our IT equipment is a decade behind what people have at home, it's embarrasing.
The computers in the library are always booked out, and they're the only ones we can use for courses.
plz more computers on the ward, always queuing to do notes at end of shift
The laptop battery lasts an hour so I'm always hunting for a plug socket in patients' homes.
We have old kit that can't even run the latest version of the browser needed for the new system.
Every time a computor dies it takes IT a month to replace it.
"""

_CONNECTIVITY = """
The Wi-Fi on our ward drops out constantly, so the handheld obs devices lose connection mid entry.
There's no mobile signal in the basement where pharmacy is, so we can't use any apps.
Community nurses can't upload notes in rural areas because there's no 4G signal at all.
The wifi in the staff room is so slow that nobody can watch the training videos.
Paramedics lose signal in half the county and the electronic patient record won't sync.
Our GP surgery's internet goes down at least once a week and everything stops.
wifi is shocking, cant even load the intranet on the wards
The guest Wi-Fi for patients is better than the staff network, which says it all.
We need reliable connectivity in every clinical area before asking people to go paperless.
VPN keeps disconnecting when I'm off site, I lose whatever I was typing.
In the old wing of the hospital there are dead spots where no device can connect.
Calls with patients keep freezing because the bandwidth in clinic is so poor.
The network slows to a crawl every afternoon, everything takes ages to load.
Connection to the shared drive is so unreliable that people save things to their desktops instead.
Please sort out the wifi in the theatres, we can't look anything up between cases.
Home visit teams need mobile data that actually works, not a dongle that loses signal.
The portering app is useless without signal and the lifts and corridors have none.
Our satellite clinic has a single broadband line shared by thirty people.
Every time the network goes down we go back to paper, and then it has to be typed up twice.
The online learning platform times out because the connection is so slow in our building.
Midwives in rural areas often can't connect to anything during home births.
No signal on the ward means we can't use the bleep app or the messaging system.
I have to stand by the window to get enough signal to open my emails on the tablet.
The internet at our community hospital is like dial up. Streaming anything is impossible.
Connectivity first, then digital skills. There's no point learning apps that can't connect.
Patients complain the wifi doesn't reach the bays, and staff can't use it either.
We lose the connection to the pathology system several times a day.
The remote desktop drops whenever a few people log on at once.
Working between sites is a nightmare because the wifi doesn't roam between buildings.
wifi down again today, third time this week, lost half my notes
The mental health unit has almost no signal at all, it's built like a bunker.
Poor broadband in care homes means we can't do virtual ward rounds properly.
Our ambulance tablets need a better signal booster, they drop out on every rural job.
Physios in the gym have no connection at all so notes wait until the end of the day.
Upload speeds are so slow that sending a scan image takes ten minutes.
The network is overloaded at shift change when everyone signs on at once.
Can the trust invest in decent wifi coverage before buying yet another app?
Outreach teams lose connection in tower blocks and basements constantly.
The internet in the education centre is too slow for a room full of people.
Our practice relies on a single connection and when it fails we can't see any records.
I can't join Teams meetings from the ward because the wifi can't cope with video.
Half the building has no wifi coverage, including the discharge lounge.
Patchy signal makes the mobile app for district nurses almost unusable.
Network outages should be treated as a clinical risk, they stop us seeing results.
In a lot of our clinics the wifi code changes and nobody tells the staff.
When I work in the community I rely on my own phone's hotspot to get anything done.
The connection is so unreliable that the system drops me halfway through a document.
Mobile coverage inside the hospital is terrible. Need signal boosters or better wifi.
Our hospice has a broadband speed you would laugh at. It holds everything back.
Night shifts are worse because the network maintenance happens at night and knocks us off.
The buffering on videos means a twenty minute module takes an hour.
conection keeps dropping on the handheld, have to redo obs constantly
There's no point in giving us tablets if the wireless network can't support them.
Ambulance crews need offline modes because signal on the motorway and in the hills is hopeless.
The wifi in the new build is fine but the old blocks have basically nothing.
"""

_LOGINS = """
I have about fifteen different passwords for different systems and they all expire at different times.
Logging into the computer, then the EPR, then the results system takes five minutes each time.
My smartcard stopped working and it took two weeks to get a new one, I couldn't prescribe.
Single sign on would save nurses hours every week. Why does every system need its own login?
Passwords have to be changed every 60 days so everyone writes them on a post-it.
Locum doctors often wait days for their logins, so they borrow someone else's, which is wrong.
Porters can't get a network account so we can't use the job allocation app.
pasword reset takes forever, the IT helpdesk is always engaged
Smartcards get left in the machines and then the next person works under the wrong name.
Tap and go login would make a huge difference on busy wards.
Every time I move ward I have to request new access to systems, it's a nightmare.
New starters spend their first week without any logins, just shadowing because they can't do anything.
The password rules are so complicated I get locked out every few weeks.
Agency nurses can't access the electronic record at all, so a permanent nurse has to do their notes.
The smartcard readers on the ward keep failing and then nobody can access the spine.
I was locked out of the system in the middle of a clinic because my password expired.
Remembering all the different usernames is harder than learning the systems themselves.
We need one login for everything. I'm sick of typing my credentials in ten times a shift.
My smartcard was cancelled when I changed roles and I couldn't work for days.
Receptionists share one login for the phone system which isn't ideal but there's no alternative.
Two factor authentication on my personal phone isn't fair, not everyone wants work apps on their phone.
The login screen times out after two minutes so I'm constantly re-entering my password.
Bank staff should have their accounts ready when they arrive, not three shifts later.
The registration authority team is so backed up that smartcards take a month.
too many passwords!!! one for email one for rota one for elearning one for the record
If I forget my smartcard I'm useless for the whole shift.
Getting access to the learning platform took longer than completing the actual course.
Paramedics need to log into the tablet, then the record, then the prescribing app, it's too slow in an emergency.
Account lockouts happen every Monday morning after the weekend.
Students can't be given their own logins so they can't practise on the real system.
The self service password reset never works, I always end up calling the helpdesk.
When IT disables accounts for inactivity, bank staff lose access every few months.
Please, single sign on. It's 2024 and we're still typing passwords all day.
Sharing logins is common because getting your own takes so long, and everyone knows it.
My smartcard PIN gets locked if I mistype it three times and unlocking needs a sponsor.
Midwives have to log into four separate systems to complete one booking appointment.
Swapping between users on a shared computer takes ages as every profile has to load.
The authenticator app on my phone is required to check my work email from home.
OTs in the community can't get into the hospital system because we have the wrong account type.
It took six weeks for my access to the GP record to be set up after I joined.
Different password rules on different systems means I can never keep track.
The fingerprint login trial was brilliant, why was it stopped?
Clinicians spend more time logging in than documenting on some days.
The smartcard reader on my laptop doesn't work with the docking station.
Locked out again. Helpdesk says wait 30 minutes. Meanwhile patients are waiting.
Access requests go through so many approval steps that people give up and borrow logins.
I need a login to request a login, which I don't have yet. You couldn't make it up.
admin staff need access to more than one system but each needs a seperate form and a seperate password
My password expired while I was on annual leave and I couldn't get back in on my first day.
Multi factor authentication is fine but the codes take ages to arrive by text.
Why do I have to re-enter my smartcard every time I switch between applications?
Temporary staff are given generic logins which means nobody knows who did what.
The login process on the ward computers is so slow that people leave themselves logged in.
My smart card keeps saying certificate expired and nobody locally can fix it.
Password fatigue is real. I have a notebook just for my work passwords.
"""

_INTEROPERABILITY = """
The hospital system and the GP system don't talk to each other, so we're always phoning for information.
I enter the same patient details into three different systems every admission.
Community and acute records are completely separate, we can't see what the district nurses have done.
Discharge letters are typed in one system and then faxed or emailed to the GP. In this day and age.
We copy observations from the handheld into the main record because they don't link up.
Paramedics can't see the patient's hospital history and hospitals can't see our records either.
The pharmacy system and the prescribing system don't share data so everything is checked twice.
Double entry is killing us. Paper then computer, computer then spreadsheet.
Mental health and physical health records are completely separate even in the same trust.
Physios write in one system, the doctors in another, and nobody reads each other's notes.
systems dont talk to each other, i spend half my day copying and pasting
Referrals get lost between organisations because each uses a different system.
The lab results come through in one system but we have to document them in another.
Social care can't see our records and we can't see theirs, so discharge planning is all phone calls.
Our maternity system doesn't link to the main patient record, so everything is written twice.
Admin staff re-key every referral letter into the booking system by hand.
The rota system, the payroll system and the training record all hold different versions of my details.
It's not the lack of skills, it's that we have eleven systems that were never designed to work together.
Transfers between hospitals mean printing the whole record and sending it with the patient.
The GP can't see that we changed the medication in hospital unless they read the letter.
Ambulance handover is verbal and on paper because our system doesn't connect to the ED one.
Every new system creates another silo. Please make interoperability a requirement when buying.
The theatre system doesn't feed the bed management system so we ring round for bed status.
Allergies are recorded in three places and they don't always match. That's dangerous.
Why can't the outpatients booking system update the patient record automatically?
We transcribe drug charts from paper onto the electronic system because the wards use different ones.
Our department keeps its own spreadsheet because the main system can't do what we need, so everything is entered twice.
Care homes send us information by fax because there's no shared system.
Test results requested by the GP don't show up in hospital so tests are repeated.
The audiology system is standalone and none of it flows into the main record.
Two trusts merged five years ago and still use separate systems that can't see each other.
double documentation on paper and on the computer is a massive waste of nursing time
The shared care record exists but half the information isn't in it and it's slow to open.
Radiographers have to type request details manually because the request system doesn't link to PACS properly.
Receptionists update the address in our system and then have to update it separately in the hospital portal.
Diabetes data sits in a separate system that nobody else can see.
Information doesn't follow the patient. They tell their story five times to five teams.
Integrated care boards talk about joined up care but our systems are anything but joined up.
The ward whiteboard and the electronic record show different information because they aren't linked.
Occupational therapy assessments are scanned in as PDFs so they can't be searched.
Our community app exports nothing, so we print reports and then type them into the acute system.
We need common standards so systems can share information properly, FHIR or whatever it is.
Hospital at home teams can't see the observations taken on the ward before discharge.
Every system has a different patient ID and matching them up is a daily headache.
Typing the same NHS number into four screens per patient is where errors creep in.
Results from the private provider come on paper and have to be scanned and then coded manually.
Discharge summaries take ages because nothing auto populates from the inpatient record.
The end of life care plan in the GP record can't be seen by the out of hours doctors or ambulance crews.
Paper referrals get scanned, then someone re-types them, then they're sent again electronically.
We have fantastic individual systems that simply don't integrate.
Its the duplication that gets me, I write the same thing three times in three places.
Community pharmacy can't see hospital discharge medication so they ring us every day.
Neighbouring trusts use completely different record systems so transfers lose information.
The e-obs system and the early warning escalation system aren't connected, so alerts are missed.
If the systems spoke to each other we'd save an hour a shift easily.
"""

_DATA_SKILLS = """
I'd like to learn how to use Excel properly so I can track my team's performance myself.
We collect loads of data but nobody on the ward knows how to turn it into something useful.
Managers need training in reading dashboards, most of us just look at the red and green.
Our audit data sits in spreadsheets that no one analyses.
I want to understand statistics well enough to question the reports we're given.
Data literacy should be part of leadership training for every band 7 and above.
Physios could use outcome data to improve services if we had the skills to analyse it.
Power BI training would be brilliant for the admin team, we spend days making reports by hand.
Clinicians don't trust the data because they don't understand where it comes from.
We need analysts embedded in services, not just in a central team that nobody can reach.
Teaching people how to build a simple chart would save hours of confusion in meetings.
The data quality is poor because the people entering it don't know why it matters.
i dont really understand the numbers in the monthly reports, nobody has ever explained them
Junior doctors doing quality improvement projects need help with run charts and SPC.
Making data-driven decisions is talked about a lot but we're never taught how.
I'd love a course on pivot tables. I know they'd make my job easier.
Paramedics collect rich data on every call but we never see it fed back to us.
We should be trained in population health data so we can target services better.
Nursing metrics are collected every month but the ward team never see what happens to them.
Data protection training scares people off using data at all, even when it would help patients.
Basic spreadsheet skills are lacking across our department. People still use calculators.
Understanding waiting list data would help receptionists explain delays to patients.
Give us access to our own service's data and the skills to interpret it.
Reports come out of the system in formats that are impossible to work with.
Interpreting trends over time is a skill many senior nurses were never taught.
Midwives record data for the national dataset but don't get anything useful back.
More people should know SQL or at least how to query the data warehouse.
Benchmarking data exists but nobody here knows how to find or use it.
I spend hours copying numbers from one report into another to make a graph for the board.
Pharmacy could reduce waste if we could analyse the dispensing data properly.
Most of our KPIs are just counted, never analysed. We need people who can do more.
Data skills aren't valued the way clinical skills are, but they matter just as much now.
The team have loads of questions the data could answer if only someone knew how to get it out.
Training in how to present data to patients and families would be useful too.
Understanding the difference between correlation and causation would stop some bad decisions.
OTs want to show the impact of our service but we lack the data skills to prove it.
Our finance and activity figures never match and nobody can explain why.
dashboards everywhere but no-one knows how to read them properly tbh
We need a data champion in every team who can help with spreadsheets and reporting.
Workforce planning is done on gut feeling because managers can't analyse the rota data.
Analysing patient feedback comments at scale would be amazing if we knew how.
The information team is overwhelmed. More staff need basic analysis skills themselves.
I would like to learn R or Python for research, but there's no route to that here.
Data should be something we use to improve care, not just something we submit.
Ward managers get a monthly pack of figures that nobody has time or training to interpret.
Clinical coding errors cost us money and come from a lack of understanding of the data.
How do I know if a change in numbers is real or just noise? Nobody teaches this.
Audits would be easier if we had templates and training in handling the data.
Admin staff are expected to produce reports but have never been taught proper formulas.
Better data skills would help us make the case for more staff with evidence.
Sharing data between teams would be more useful if people knew how to read it.
My team keep the same information in twenty different spreadsheets. We need help organising it.
Research nurses need more support with databases and data managment.
Understanding our own demand data would help the ambulance service plan crews better.
Excel skills please! so many people in our office struggle with the basics
"""

_AI_WORRIES = """
I'm worried AI will be used to replace admin jobs rather than help us.
Who is accountable if an AI tool gets a diagnosis wrong? That needs to be clear before it's used.
AI transcription in clinics sounds good but I worry about it recording things incorrectly.
Receptionists are anxious that automated booking will mean our jobs disappear.
I don't trust computer generated summaries of my notes. They miss the nuance.
Patients should be told when AI is involved in their care.
There's a lot of hype about artificial intelligence but nobody explains what it actually does.
ai is going to take our jobs, thats what everyone on the ward is saying
Using ChatGPT type tools with patient data makes me very nervous about confidentiality.
I'm not against AI but staff need training in its limitations, not just its benefits.
Automation of rotas might be efficient but it ignores the human side of managing a team.
Radiographers are worried AI reading scans will deskill the profession.
If algorithms decide who gets seen first, how do we know they're fair to all patients?
I'd want to understand how an AI tool reached its decision before I rely on it.
Chatbots for patients worry me. Older people will end up talking to a machine instead of a person.
Automated triage tools could miss the things an experienced nurse would pick up.
AI could be biased against groups who are underrepresented in the training data.
Doctors will become over-reliant on AI suggestions and stop thinking for themselves.
The talk about AI freeing up time never seems to translate into more time for patients.
Pharmacists are concerned about AI prescribing support without proper validation.
Admin and clerical staff feel they're the first in line to be replaced by automation.
I don't understand AI at all and it makes me feel anxious about the future.
If the AI makes a mistake, the clinician will still get the blame. That's not fair.
We need clear national rules on how AI can and can't be used in the NHS.
AI scribes listening to consultations feels intrusive for patients.
The ambient voice technology pilot worried a lot of staff about being monitored.
Robots and automation in pharmacy are great, but staff need reassurance about their roles.
worried about ai making decisions about patients without a human checking
Every supplier now says their product has AI and we have no way to judge if it's any good.
There's no guidance at all on using AI safely, yet people are already using it.
AI-generated discharge letters could spread errors quickly if nobody checks them.
My worry is that AI will be used to cut staffing numbers rather than improve care.
Coders in our trust are anxious that automated clinical coding will replace them.
Can we trust AI with sensitive mental health information?
The ethics of AI need to be discussed openly with staff, not decided behind closed doors.
Patients already think computer says no. AI will make that worse if we're not careful.
Predictive algorithms flagging patients as high risk could become self-fulfilling.
I think AI could help, but I'm scared about patient records being sent to big tech companies.
Junior staff may not have the experience to spot when an AI tool is wrong.
Automated phone lines are cold, and I fear more automation will push people away from us.
If AI writes the notes, who checks them, and when do we find time to check?
Staff need a say before AI tools are introduced on their ward.
Concerned that AI will widen inequalities for patients who don't fit the usual pattern.
Machine learning is a black box to most of us. We need plain English explanations.
AI should support clinical judgement, not override it. I'm worried it will be the other way round.
Porters are being told robots will deliver meds and samples. What happens to us?
Using AI for appraisals or performance monitoring would be a step too far.
The pace of AI change is scary and the NHS never seems ready for it.
Will AI be regulated like a medical device? It should be.
AI sounds clever but our basic systems don't even work yet. Sort those first.
I worry that automated responses to patient messages will come across as cold and uncaring.
My fear is deskilling. If the machine does it, nobody will remember how.
Artificial inteligence worries me, what happens when it gets things wrong and nobody notices?
its all ai this ai that, nobody asks the staff what we think about it
There needs to be honesty about what jobs AI will change, so people can retrain.
"""

_LEADERSHIP = """
Our ward has a digital champion but she's never given any time to actually help people.
Senior leaders talk about digital transformation but have never used the systems we use.
We need managers who lead by example and use the tools themselves.
Having a go-to person on each shift who knows the system well would help everyone.
The board needs to understand that digital change is about people, not just technology.
Digital champions should be paid a bit extra or given a band uplift for the role.
Our chief nurse has been brilliant at championing the new system and it shows.
Without support from the top, digital projects just fizzle out after the launch.
Managers often don't know how to use Teams themselves so they can't help their staff.
A network of superusers across the trust would help spread good practice.
I became a digital champion but I've had no training or support to do it well.
Leadership should listen to frontline staff before choosing new systems.
Having a chief clinical information officer who actually visits the wards makes a huge difference.
Our team leader is scared of technology and that attitude spreads to the whole team.
Champions need recognition and a proper role, otherwise it's just extra unpaid work.
digital lead in our trust is great but one person cant cover the whole hospital
Porters would benefit from a peer champion who can show us the new app on the job.
Good leaders make it okay to admit you don't know how to use something.
Executives announce digital strategies but never explain what it means for my day job.
Managers need to be trained first so they can support their teams through change.
The physio department nominated a digital lead and it's transformed how we use the system.
There's no clear owner for digital in our directorate so nothing gets fixed.
Champions on nights would help, all the support disappears after 5pm.
Leadership support means budget and attention from the top, not just a launch email.
A culture of blame means people don't ask for help with digital tools.
Our practice manager encourages everyone to try new things, and we're better for it.
Digital champions should meet regularly across the region to share what works.
Senior managers need to show they value digital skills in appraisals and promotions.
The floor walkers during go-live were excellent, but they vanished after two weeks.
Clinical leaders must be involved in digital decisions, not left to the IT department.
Being a champion is lonely when there's no network or backing from management.
Middle managers are the blocker. The top wants change and the floor wants change but they're stuck.
Role models matter. If the consultant refuses to use the system, the juniors won't either.
We need a named digital lead for every ward or department.
The nursing informatics team is tiny for a trust our size.
Managers should ask what support staff need rather than assume everyone is confident.
Our digital champion scheme collapsed when the funding ended.
Someone senior needs to own the digital skills agenda and report on it.
If leaders don't prioritise it, nobody else will.
Leaders should celebrate staff who improve things using digital tools.
The best support I got was from a colleague who sat with me for ten minutes, not a course.
we need more superusers on the ward, theres only one and shes part time
Leadership development should include how to lead digital change.
Our directors keep changing and every new one has a different digital vision.
Middle managers are expected to implement change without any backing from above themselves.
Champions should be drawn from every profession, not just nurses.
A buddy system for less confident staff would make a big difference.
The senior team should spend a shift using our systems to see how bad they are.
Digital change needs visible sponsorship from the chief executive, not just the IT director.
Give the champions a proper role description and link it to their development.
Staff engagement in digital projects is low because nobody from leadership explains the why.
Paramedic team leaders should be made champions for the new electronic record.
Our head of service supported us to pilot a new app and it worked because she backed us.
I'd like to be a digital champion but my manager says we can't spare me.
Leadership needs to make digital everyone's job, not a side project for enthusiasts.
"""

_PATIENT_EXCLUSION = """
Many of our elderly patients don't have a smartphone and can't use the NHS App.
Patients who don't speak English struggle with online forms and automated phone lines.
Sending appointment letters only by text leaves out people without a mobile.
Homeless patients can't receive digital appointment reminders and end up missing care.
We shouldn't assume every patient is online. Paper and phone options must stay.
Online booking has made it harder for older people to see a GP.
Patients with learning disabilities need accessible alternatives to apps and portals.
Not everyone can afford data or broadband, and we forget that when we go digital first.
Receptionists spend ages helping patients navigate online forms they can't manage alone.
Patients in rural areas have poor internet and can't cope with anything online.
digital first is leaving our older patients behind, they just give up
Some patients are frightened of scams and won't use any online NHS service.
We need to teach patients how to use the NHS App, not just tell them to download it.
Visually impaired patients find many of our digital services impossible to use.
Patients with dementia and their carers need person-to-person contact, not portals.
Physios send exercise videos but lots of patients can't open them on their phones.
Online consultation forms are too long and complicated for patients with low literacy.
Deprived areas have the worst access to devices and the greatest health needs.
Carers should be able to manage the digital side on behalf of patients easily, but proxy access is a nightmare.
Many patients share one phone in the family, which makes confidential messages difficult.
Patients who are deaf find automated phone systems really hard.
Older patients ring us because they can't read the results on the app.
We risk widening health inequalities if digital becomes the only way in.
Travellers and asylum seekers often can't register for online services at all.
Patients in prison or secure settings have almost no digital access.
Libraries and community centres could help patients get online if they were funded.
Midwives see young mums who rely on pay as you go data that runs out.
Patients with mental health problems can find digital services overwhelming.
Text reminders in English only aren't much use to a lot of our community.
Paramedics meet isolated older people who have no idea what the NHS App is.
The pharmacy app for repeat prescriptions confuses many of our regular patients.
Patients need a choice of how they access care, digital should be an option not a requirement.
A&E is full of people who couldn't get through the online system to their GP.
Digital exclusion isn't just age, it's poverty, disability, language and confidence.
We need digital navigators to help patients, like the social prescribing link workers.
patients keep coming to the desk because they cant use the online check in screens
Not all patients have email addresses, yet we insist on emailing letters.
Some of my elderly patients can't manage anything on a screen without a relative there to help.
People with shaky hands or arthritis struggle with touchscreen kiosks.
The move to online-only forms for outpatient questionnaires excluded a lot of our patients.
We should check how patients want to be contacted before defaulting to digital.
OTs often find patients given devices for remote monitoring who have no idea how to use them.
Remote monitoring only works for patients who have wifi at home, which many don't.
Patients with autism sometimes prefer online, so it's about choice both ways.
It's not fair that patients who can't use apps end up waiting longer for appointments.
Many older patients can't remember passwords for the patient portal.
A lot of our patients rely on their children to book online, which takes away their independence.
Hospital discharge information is sent digitally but many patients never see it.
The digital divide is real in our patch, especially in the coastal towns.
Staff need guidance on how to support patients who aren't confident online.
Our practice stopped taking phone requests for prescriptions and elderly patients were really upset.
Patients without a smartphone can't show their COVID pass or use the NHS login.
Easy read and translated versions of digital services are needed.
Don't let patients fall through the gap just because they're not online.
some patients cant even open a text message let alone an app
"""

_E_LEARNING = """
The e-learning modules are so boring that people just click through to the quiz.
Mandatory training online is the same every year, I could do it in my sleep.
Most e-learning is a wall of text with a few pictures. It's not how people learn.
The modules don't reflect what we actually do on the ward, they're too generic.
I'd rather learn the system hands on with a real person than through a slideshow.
The online courses don't work on my phone and they're a pain to use.
Some of the videos in the modules are from ten years ago and show systems we no longer use.
elearning is pointless, everyone just guesses the answers until they pass
Short, five minute videos would be much better than hour-long modules.
The quizzes test memory of trivia, not whether you can actually use the system.
We need scenario-based training that feels like real shifts, not click next over and over.
Information governance training is repeated every year with no new content.
The learning platform is clunky and hard to navigate. I can never find the course I need.
Porters are given the same e-learning as clinical staff, half of it isn't relevant.
The voiceover in the modules is robotic and makes it hard to stay focused.
Certificates don't transfer between trusts so you redo the same module every job.
Completing a module doesn't mean you've learned anything. It's a tick box exercise.
I learn better in groups, talking things through, than alone on a screen.
The system training doesn't match the version we're using, the screens look different.
Physios need practical, bite-sized guides, not lengthy online modules.
The modules freeze halfway and you have to start again from the beginning.
If I fail the assessment it makes me redo the whole module, which is demoralising.
E-learning for health has good stuff but nobody tells us what's available.
Courses are written by people who've never worked on a ward.
Dyslexic staff find the text-heavy modules really hard going.
Interactive simulations of the system would help us practise without risk.
The online fire safety course is not a substitute for being shown where the extinguishers are.
Training materials should be available in other languages for our international staff.
Much of the online training is patronising and assumes we know nothing.
The e-learning about the new system didn't teach me how to do my actual job in it.
tbh the online modules are a joke, nobody learns anything from them
There should be a way to test out of modules if you already know the material.
The resuscitation e-learning is fine for theory but can't replace practising on a manikin.
A training sandbox would be so much better than watching screenshots.
Most online courses aren't accessible for people using screen readers.
Our admin team have to do the same clinical modules as nurses, which makes no sense.
Quick reference cards and how-to videos would be more useful than formal courses.
The modules are so long and tedious that nobody finishes them in one go.
Good training would show us shortcuts and tips, not just the basics.
The online course on the EPR was out of date before it was even launched.
E-learning content needs regular review by the people who actually use the systems.
Paramedics learn best with practical scenarios, not reading off a screen.
The module wouldn't record my completion so I had to do it three times.
Face to face training has been replaced with online modules to save money, and it shows.
Learning should be tailored to my role and level, not one size fits all.
I'd like to see more peer-led learning, staff teaching staff.
The platform logs you out if you're idle for a few minutes and you lose your progress.
Most of the online training is designed for desktop and doesn't work on tablets.
Modules on data security are full of jargon that nobody understands.
We need refresher training that builds on what we know instead of starting from scratch every year.
Online learning should have a way to ask questions of a real person.
Video tutorials made by our own staff have been far more useful than the official modules.
The content is dry and uninspiring. People switch off after five minutes.
Its just death by powerpoint online, no wonder no-one remembers it
We should be asked for feedback on the modules and see changes made as a result.
"""

_CYBER_SECURITY = """
I'm never sure whether an email is genuine or a phishing attempt, we need better training on it.
After the ransomware attack everyone was terrified, but we still haven't had proper cyber training.
Staff click on dodgy links because they don't know what to look for.
The fake phishing emails from IT are a good idea but they just make people feel stupid.
Cyber security training should be practical, showing real examples of scam emails.
When the systems went down after the cyber attack we had no idea what our backup plan was.
People still leave screens unlocked and walk off, it's a real security risk.
Receptionists get phone calls pretending to be from IT asking for login details.
We need to know who to report suspicious emails to, it's not clear at all.
i clicked a link in an email once and felt too embarrassed to report it
Cyber attacks on hospitals are getting more common, and staff are the first line of defence.
USB sticks are still being used to move patient data around, which can't be safe.
Training on spotting scam texts would help us at home as well as at work.
Social engineering is a real threat. Staff should be taught how to say no to callers.
We were told not to use WhatsApp for patient information but nobody gave us an alternative.
The downtime procedures after the attack were chaos, every ward did something different.
Staff need to understand why security rules exist, not just be told to follow them.
Sending patient identifiable information by personal email still happens a lot.
Phishing emails are getting so convincing, some look exactly like NHS emails.
Our trust had a data breach because someone emailed a spreadsheet to the wrong person.
Cyber security should be part of induction for every member of staff, including porters and domestics.
Clinical staff don't see cyber as their problem, they think it's just IT's job.
Ransomware could shut down a whole hospital, and most staff have no idea how to respond.
Using personal phones for work apps makes me worry about security if it's lost or stolen.
The annual data security module doesn't cover the threats we actually face now.
Doctors forwarding work email to personal accounts is a massive security hole.
We need simple rules about what can and can't be shared on messaging apps.
Old unsupported computers on the network are a cyber risk waiting to happen.
Scam calls claiming to be from the bank target our older patients and staff alike.
Fake invoices arrive by email in the finance team regularly.
scared of getting hacked, dont really understand how to keep stuff safe online
Practice managers need cyber training so they can protect the whole surgery.
Business continuity plans for a cyber incident should be tested with real staff.
The pathology cyber attack showed how vulnerable we are when one supplier is hit.
Staff should be rewarded for reporting phishing, not shamed for clicking.
I don't know how to tell if a website is secure before I enter information.
Security updates on our computers are months behind, according to IT.
Paramedics use shared tablets with no screen lock, that's a risk if one is lost.
Cyber training needs to be short and regular, not a long annual slog.
There were rumours about the hack but no clear communication about what happened.
We need guidance on using AI chatbots safely without leaking patient data.
Encryption of emails is confusing, staff don't know when or how to use it.
The attackers went after payroll details too, so it's about protecting staff as well as patients.
Security codes sent by text can be intercepted, or so I've read, so are we really protected?
Our department still faxes patient information because people think email is less secure.
Social media oversharing by staff can give scammers useful information.
Test phishing campaigns should come with immediate bite-size learning, not just a telling off.
Working from home on personal laptops raises questions nobody has answered about security.
Nobody knows what to do if they think their account has been compromised.
We had a scam email pretending to be from the chief executive asking for gift cards.
Cyber awareness for admin staff is vital, we deal with so much personal data.
The IT security team should visit wards and explain threats in plain English.
Everyone was shocked by the attack on the London hospitals, it could easily happen here.
phishing emails every day now, some even have the trust logo on
Cybersecurity is everyones responsibilty but hardly anyone has been shown how to spot a scam.
"""

_VIDEO_CONSULTATIONS = """
Video consultations work well for follow ups but the software is clunky for both sides.
Patients often can't get their camera or microphone working, so half the video clinic is tech support.
Working from home two days a week has made me more productive, and I'd like that to continue.
We need training on how to run a good video consultation, it's a different skill from face to face.
Physiotherapy assessments over video are hard because you can't see the whole movement.
The video platform we use keeps changing, every year there's a new one to learn.
Admin staff working remotely can't use the scanning system from home.
Teams meetings have saved so much travel between sites, I hope they're here to stay.
I'm not confident running group sessions online, nobody has shown us how.
video appts are great for some patients but i miss the body language
Consultants do video clinics from their office but there's no admin support for them remotely.
Mental health reviews by video work really well for younger patients.
There are no quiet private rooms in clinic to do video consultations from.
Remote working policies differ between departments, which feels unfair.
Online ward rounds with care homes need better cameras and a proper process.
I'd like guidance on how to examine patients over video safely.
Virtual wards depend on staff being confident with remote monitoring dashboards.
Dietitians have moved a lot of clinics online and patients appreciate not travelling.
Telephone and video appointments save patients time and money on travel and parking.
It's exhausting doing back to back video calls all day, Zoom fatigue is real.
Interpreters joining video calls is a mess, the three-way call rarely works.
Working from home means I don't have a second screen, which slows me down.
We need clear rules on when a video consultation is appropriate and when it isn't.
Speech and language therapists can do some therapy online but not swallowing assessments.
Remote consultations make safeguarding harder as you can't tell who else is in the room.
Attend Anywhere links get sent to the wrong email address and patients can't join.
Hybrid meetings with some people in the room and some online are awful, nobody can hear.
Online antenatal classes reached more parents than the face to face ones ever did.
The hospital should offer a choice of video or in person for every outpatient appointment.
Supervision over Teams works fine for me and saves a long drive.
Home working admin staff feel cut off from the team and miss out on informal learning.
Remote prescribing after a video call needs clearer guidance.
Paediatric video appointments are chaos with kids running around, but parents love them.
We're expected to run virtual clinics with no headset and no webcam.
wfh is brilliant but i feel a bit forgotten about by the office
Occupational health appointments by video were quicker and less stressful.
Video consultations need a proper booking process, not links pasted into letters by hand.
Patients should have a test call before their first video appointment.
I worry we lose rapport with patients when everything is on screen.
Remote team meetings mean night staff can finally join in.
GP video consultations save time but some things still need to be seen in person.
Virtual fracture clinics have cut waiting times massively in our trust.
Hospital at home teams rely on video to check in with patients between visits.
Clinicians need coaching in video consultation etiquette, some come across poorly on camera.
Online group exercise classes for cardiac rehab have been a real success.
We still don't have a system for patients to send photos before a video review.
The camera angle on our clinic PCs shows the ceiling more than my face.
Managers need to trust staff who work remotely instead of checking up on them all the time.
Recording video sessions for teaching purposes needs proper consent processes.
The radiology team reports from home and it works brilliantly with the right kit.
Palliative care conversations by video are hard, some things should be said in person.
Virtual consultations reduced our DNA rate because patients didn't have to travel.
Patients love not having to take a day off work for a five minute review on video.
Clinicians need a private space at home to do remote consultations confidentially.
more video clinics pls, saves patients hours of travel for a 10 min chat
"""

THEMES: list[str] = [
    "Protected time for training",
    "Access to devices and computers",
    "Wi-Fi and connectivity",
    "Logins, passwords and smartcards",
    "Systems that do not talk to each other",
    "Data skills and using data",
    "Worries about AI and automation",
    "Leadership support and digital champions",
    "Digital exclusion of patients",
    "Quality of e-learning",
    "Cyber security and scams",
    "Video consultations and remote working",
]

_BLOCKS = [
    _PROTECTED_TIME,
    _DEVICES,
    _CONNECTIVITY,
    _LOGINS,
    _INTEROPERABILITY,
    _DATA_SKILLS,
    _AI_WORRIES,
    _LEADERSHIP,
    _PATIENT_EXCLUSION,
    _E_LEARNING,
    _CYBER_SECURITY,
    _VIDEO_CONSULTATIONS,
]

EVAL_SET: list[tuple[str, str]] = [
    (line.strip(), theme)
    for theme, block in zip(THEMES, _BLOCKS, strict=True)
    for line in block.strip().splitlines()
    if line.strip()
]
