#!/usr/bin/env python3
"""Builds the Junction intent dataset (a CLINC150-style benchmark, authored by hand).

Every utterance below was written for this dataset. Running the script writes,
next to it:

  router.yaml  30 routes x 10 references, RedisVL SemanticRouter format
  fit.jsonl    15 queries per route (450) + 30 out-of-scope (label null)
  test.jsonl   15 queries per route (450) + 570 out-of-scope (label null)

Each route has 10 references and 30 queries; the queries are split 15/15
between fit and test with a fixed seed. Out-of-scope queries are grouped by
how close they sit to the routes' domains; like real traffic (and CLINC150),
the fitting split holds few of them (about 6%) and the test split many
(about 56%): one in twenty of each group goes to fit, the rest to test. The
script validates its output and exits non-zero on any problem.

    .venv/bin/python Tests/Fixtures/intents/make_dataset.py
"""

from __future__ import annotations

import json
import random
import re
import sys
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
SEED = 150
REFERENCES_PER_ROUTE = 10
QUERIES_PER_ROUTE_PER_SPLIT = 15
OOS_TOTAL = 600
OOS_FIT = 30


def lines(block: str) -> list[str]:
    """One utterance per non-empty line, surrounding whitespace removed."""
    return [line.strip() for line in block.strip().splitlines() if line.strip()]


# --------------------------------------------------------------------------
# Routes: 10 references and 30 queries each.
# --------------------------------------------------------------------------

ROUTES: dict[str, dict[str, list[str]]] = {}

# ---- banking ----------------------------------------------------------------

ROUTES["transfer_money"] = dict(
    references=lines("""
        transfer $200 from my checking to my savings account
        send money to my brother
        I need to move some money between my accounts
        can you wire 500 dollars to my business partner
        make a transfer of 50 euros to sarah
        how do I send money to a friend
        move 1000 from savings into checking please
        please transfer funds to the account ending in 4521
        I want to send 75 dollars to my roommate for groceries
        start a bank transfer to my mom
    """),
    queries=lines("""
        move $300 over to savings
        can I transfer money to my wife's account today
        send 20 bucks to jake
        I'd like to shift 2,000 from my checking account into our joint account
        transfer money pls
        how can I move funds from one account to another
        put 100 dollars into my daughter's account
        i owe my friend 40 dollars, can you send it to him
        wire transfer to an account at another bank
        transfr 60 to my savings
        I need to get some cash from my savings into checking before rent is due
        could you send five hundred dollars to my son at college
        move everything from my old account to my new one
        please make an internal transfer of 250
        send my sister the 35 I owe her for dinner
        I want to give my nephew 50 dollars through the bank
        how do i send money to someone overseas
        tranfer 1k from checkng to savngs
        split the money and send half to my partner's account
        can you move 80 into my vacation savings
        set up a transfer to my brother's account for 150
        send cash to my buddy mike
        I need to pay back my coworker 25 dollars, send it from checking
        transfer between my accounts
        is it possible to send money to another customer at this bank
        please send 1200 dollars to account number ending 7788
        shift some funds to my savings so i stop spending them
        hey can u send my mom 100
        i want to pull money from my credit union account into this one
        do a transfer of 45 pounds to tom
    """),
)

ROUTES["pay_bill"] = dict(
    references=lines("""
        pay my electric bill
        I need to pay my phone bill
        can you pay the water bill for this month
        make a payment on my credit card bill
        pay my internet bill from my checking account
        how do I pay a bill through the app
        settle my gas bill please
        I want to pay my cable bill that's due friday
        pay the minimum due on my visa
        use my savings to pay the insurance bill
    """),
    queries=lines("""
        pay my verizon bill
        my electricity bill is due tomorrow, can you take care of it
        please pay the gas company
        bill pay for my car insurance
        I'd like to pay off my credit card balance in full
        can you handle my utility payment this month
        pay the trash collection bill
        pay my phone bil
        how do i pay my mortgage through you
        settle the outstanding amount on my water bill
        i got a bill from the hospital, can i pay it here
        make my monthly student loan payment
        pay comcast
        schedule a payment for my internet bill on the 15th
        I need to pay the rent bill from my property management company
        can you pay the sewer bill from checking
        pay my cell phone bill please
        use my debit account to pay the electric company
        I want to make a payment towards my amex
        pay the heating bill that came in the mail
        plz pay my water bil before it's late
        i need to pay a utility bill
        can I pay my car loan installment now
        pay what I owe on the gym membership bill
        take care of my cable payment
        submit payment for my home insurance premium
        how do i pay my credit card statement
        pay the full electricity bill amount
        pay my netflix bill
        pay bills
    """),
)

ROUTES["check_balance"] = dict(
    references=lines("""
        what's my account balance
        how much money do I have in checking
        tell me my savings balance
        check my balance
        how much is in my bank account right now
        what is the available balance on my debit account
        do I have enough money in my account to cover 300 dollars
        show me the balances of all my accounts
        how much cash is left in my checking account
        what's the current balance in my joint account
    """),
    queries=lines("""
        balance?
        how much have i got in savings
        can you tell me how much money is in my account
        what's my checking account at right now
        whats my balence
        am I overdrawn?
        I want to know my current bank balance before I go shopping
        how much is left in my account
        tell me the balance on my savings account please
        what's the total across all my accounts
        do i have over 1000 in checking
        current balance
        how much money do i have
        show my available funds
        let me see what's in my business account
        how much do I have in the bank
        what's the balance of my account ending in 3320
        is there enough in my account to pay rent
        check how much money i have left until payday
        whats in my savngs rn
        give me my account balance
        how much money is sitting in my emergency fund account
        could you check the funds in my checking
        what do my accounts look like right now balance-wise
        how much can i spend from my debit card right now
        tell me what my bank balance is
        how much is in the joint account with my husband
        my balance please
        what's my remaining balance in checking
        have I got enough money for a 200 dollar purchase
    """),
)

ROUTES["recent_transactions"] = dict(
    references=lines("""
        show me my recent transactions
        what did I spend money on this week
        list the last five purchases on my card
        can I see my transaction history
        what were my last few charges
        did my paycheck get deposited yesterday
        show all the payments that came out of my checking this month
        when was the last time I used my debit card
        what purchases did I make at amazon recently
        I want to review my latest account activity
    """),
    queries=lines("""
        recent transactions
        what have i bought in the last few days
        show my spending history for october
        list everything charged to my card since monday
        did the 45 dollar charge from the restaurant go through
        what was my last purchase
        show me all the deposits into my account this month
        can you pull up my account activity
        how much did i spend at starbucks this week
        show recnt transactons
        what came out of my checking account yesterday
        I'd like to see a list of my latest payments
        has my refund from the store shown up on my account
        what charges have hit my credit card lately
        give me the last ten transactions on my savings
        when did I last pay at the gas station
        was there a withdrawal from my account this morning
        history of my card purchases
        show me what i spent money on over the weekend
        did my salary come in
        look at my transaction list for last month
        i want to see every purchase over 100 dollars this year
        what did i buy on amazon last week
        can u show my last couple of card payments
        did that transfer from my dad arrive yet
        show account activity
        what were the charges on my statement from the grocery store
        review my spending this past month
        wat did i spend yesterday
        which transactions are still pending
    """),
)

ROUTES["report_lost_card"] = dict(
    references=lines("""
        I lost my credit card
        my debit card was stolen
        report a lost card
        I can't find my bank card anywhere
        someone stole my wallet with my cards in it
        I think I left my card at the restaurant and now it's gone
        how do I report my card as missing
        my card is lost, please block it
        I need to tell you my visa card got stolen
        I dropped my debit card somewhere and need to report it
    """),
    queries=lines("""
        lost my card
        my wallet got stolen on the train
        i can't find my credit card, what do i do
        report stolen card
        someone took my debit card out of my bag
        my card went missing yesterday
        i misplaced my card and i think it's gone for good
        please cancel my card, it was stolen
        how do i let the bank know i lost my card
        i lost my wallet at the airport with my mastercard in it
        my purse was stolen and my cards were inside
        loast my debit crd
        I need to report that my card was taken
        my kid lost my credit card at the mall
        card stolen, help
        i left my card in an atm and it's not there anymore
        there's no sign of my bank card, i think i lost it
        my card got pickpocketed
        block my card because i lost it
        what should i do if my card is stolen
        i think my card fell out of my pocket somewhere
        the company credit card I carry has gone missing
        I've lost both my debit and credit cards
        need to report a missing visa
        i got robbed and they took my cards
        my card is gone and i want to make sure nobody uses it
        can't find my card since the weekend
        mugged last night, card was stolen
        i think my card was lost in the mail
        i want to report my lost american express
    """),
)

ROUTES["card_declined"] = dict(
    references=lines("""
        why was my card declined
        my debit card isn't working at the store
        my credit card keeps getting rejected
        the payment with my card didn't go through at checkout
        why won't my card work online
        my card got declined at the gas pump
        the cashier said my card was denied
        I tried to pay and my visa was refused
        what's wrong with my card, it keeps failing
        why can't I use my card for this purchase
    """),
    queries=lines("""
        card declined
        my card got rejected at the grocery store, why
        why isnt my card working
        the restaurant said my card was declined but i have money
        my card keeps saying transaction denied
        why did my purchase on amazon fail
        my credit card wont go through
        the atm rejected my card
        i tried to buy something and it said card not accepted
        why does my debit card keep getting declined online
        my card was declined at the hotel front desk
        why was my payment refused at the pharmacy
        my card got declinded twice today
        what happened, my card was denied at the register
        the store couldn't process my card
        my mastercard is not being accepted anywhere
        why would a card get declined
        my card was just declined, can you check why
        tried paying for gas and the card got turned down
        my card stopped working for purchases
        the online checkout keeps rejecting my visa
        why won't the machine take my card
        my new card was refused the first time i used it
        keep getting declined when i pay with my card
        card not working at the shop??
        why is my transaction being declined
        my debit card failed at the coffee shop this morning
        declined at checkout again, what's going on with my account
        my card wont work abroad, it keeps getting declined
        why was my card decliend
    """),
)

ROUTES["change_pin"] = dict(
    references=lines("""
        I want to change my card pin
        how do I set a new pin for my debit card
        change the pin number on my credit card
        can I update my atm pin
        I'd like to reset my card's pin code
        help me pick a new pin for my card
        how can i change the four digit code for my card
        I forgot my pin, can I set a new one
        update my debit card pin to something new
        where do I go to change my pin
    """),
    queries=lines("""
        change pin
        i need a new pin for my visa
        how do i change my atm code
        can you reset the pin on my card, i forgot it
        i want a different pin number
        set up a new pin on my debit card
        my pin is too easy to guess, i want to change it
        chnage my card pin
        i'd like to switch my pin to a new four digit number
        i keep forgetting my pin so i want to change it to something easier
        how to change my credit card pin
        can i pick my own pin
        i think someone saw my pin, can i change it
        update pin
        how do i get a new pin for the card you just sent me
        I want to replace my card pin with a new one
        is it possible to change my pin online
        help me change my pin number
        change the pin for my joint account card
        i'd like to modify my debit pin
        reset my atm pin please
        pin change for my card
        forgot pin, need to make a new one
        how can i choose a new pin code
        new pin for my bank card please
        can i change the pin at an atm
        my pin needs changing
        i wanna change my pin
        what's the process for changing my card's pin
        can you help me set a fresh pin on my mastercard
    """),
)

# ---- travel -----------------------------------------------------------------

ROUTES["book_flight"] = dict(
    references=lines("""
        book a flight from new york to los angeles
        I need a plane ticket to chicago next friday
        find me a flight to london in march
        can you book me a round trip to miami
        get me on a flight to denver tomorrow morning
        I want to fly from boston to seattle on the 12th
        reserve a one-way ticket to paris
        search for cheap flights to tokyo
        book two seats on a flight to atlanta
        help me buy airline tickets for my vacation
    """),
    queries=lines("""
        book flight to dallas
        i need to fly to phoenix next week
        find flights from sf to nyc on june 3rd
        get me a ticket on the earliest flight to houston
        can you reserve a seat on a plane to rome
        i want to book a round trip flight for my family of four to orlando
        buy me a plane ticket to toronto
        are there any cheap flights to vegas this weekend i could book
        book a flite to austin
        schedule a flight for me to san diego on friday
        i'd like to purchase airline tickets from chicago to berlin
        please book the 6pm flight to portland
        find me a nonstop flight to madrid
        book me on a plane to amsterdam leaving monday
        i need airfare to mexico city for two adults
        get me a one way flight to boston
        can u book flights for my trip to hawaii
        i have to be in detroit by tuesday, find me a flight
        reserve plane tickets to dublin for next month
        book a business class flight to singapore
        look for flights to nashville and book the cheapest
        I need a flight out of atlanta to charlotte tomorrow
        plane tickets to sydney please
        make a flight reservation for me to vancouver
        help me book a flight home for christmas
        book airplane tickets to lisbon
        find and book a red-eye to new york
        i wanna fly to cancun in april, can u book it
        buy a flight ticket to seoul
        book a return flight from london to edinburgh
    """),
)

ROUTES["flight_status"] = dict(
    references=lines("""
        is my flight on time
        what's the status of flight ua 123
        has my flight to chicago been delayed
        when does flight dl 456 land
        is the 3pm flight to boston still on schedule
        check if my flight was cancelled
        what gate does my flight leave from
        tell me if flight aa 789 has departed
        what time is my flight arriving
        is there a delay on my flight tonight
    """),
    queries=lines("""
        flight status
        is my flight delayed
        when will the flight from denver land
        is ba 287 on time
        has my mom's flight landed yet
        check the status of my flight to paris
        is my plane leaving on time tomorrow morning
        what's the departure time for my flight today
        did my flight get canceled because of the storm
        is flight 1024 running late
        how late is my flight
        whats the status of my flght
        which gate is my flight to miami boarding at
        is my connecting flight still on schedule
        has the 7:45 to seattle taken off
        arrival time for flight sw 220
        is my flight still happening
        is the plane from london going to be late
        tell me when my husband's flight gets in
        check if flight ua 900 is delayed
        did my flight leave yet
        is my flight boarding
        are there delays for my flight out of ohare
        when's my flight landing
        is my flite on time
        update me on flight aa 100
        is the flight to rome still scheduled to depart at noon
        what's going on with my flight, is it cancelled
        flight delay check for tonight's flight to denver
        what time does my daughter's plane arrive
    """),
)

ROUTES["book_hotel"] = dict(
    references=lines("""
        book a hotel room in chicago for friday night
        I need a place to stay in paris for three nights
        find me a hotel near the airport
        reserve a room at a hotel downtown
        can you book a hotel in san francisco for next week
        get me a double room for two nights in boston
        I'm looking for a cheap hotel in new orleans
        book accommodation in rome for our honeymoon
        find a pet friendly hotel in austin and book it
        reserve a hotel close to the convention center
    """),
    queries=lines("""
        book hotel
        i need a hotel in seattle tonight
        reserve a king room for march 5 to march 8
        can you find a hotel near times square
        get me a room in denver for the weekend
        book a hotl in miami for 2 nights
        i want to stay somewhere near the beach in san diego, book a hotel
        find lodging in nashville for four people
        book me a suite at a nice hotel in las vegas
        we need a hotel room in london for our trip
        reserve a hotel by the airport for my layover
        look for a budget hotel in amsterdam
        can you book somewhere to stay in tokyo
        i need two hotel rooms for the wedding weekend
        book a room with a view in honolulu
        find me accommodation in madrid for next month
        get a hotel room in atlanta close to downtown
        hotel reservation for three nights in chicago
        i need a place to crash in portland friday night
        book a family room in orlando near the parks
        can u find me a hotel in dallas
        reserve a hotel for my business trip to houston
        look for hotels with a pool in phoenix and book one
        book a room at a hotel near the hospital
        find a hotel for tonight anywhere in the city
        i need a hotel booking in berlin from the 3rd to the 6th
        book a bed and breakfast in vermont
        reserve a hotle room in toronto
        get me a non smoking room in philadelphia
        i want to book a hotel for my parents visiting next week
    """),
)

ROUTES["travel_notification"] = dict(
    references=lines("""
        let my bank know I'm traveling to mexico
        I'm going abroad next week, please note it on my card
        set a travel notice for my visa card
        I'll be in europe for two weeks, make sure my card works
        add a travel alert to my account
        notify the bank that I'll be using my card in japan
        I'm traveling to canada, can you tell the card company
        how do I put a travel notification on my debit card
        I'm going on vacation overseas, let the bank know
        please flag my account for travel to italy in june
    """),
    queries=lines("""
        travel notice
        i'm heading to france next month, tell my bank
        can you let my credit card company know i'll be in brazil
        set up a travel alert for my trip to thailand
        i'll be out of the country from may 3 to may 20, please note it on my cards
        i'm going to spain, make sure my card doesn't get blocked
        notify my bank of travel plans
        add germany to my travel notifications
        i'm flying to india tomorrow, please note my debit card
        let the bank know i'm travelling abroad
        put a travel note on my account for australia
        i'll be using my card in the uk next week
        how do i tell you i'm going on a trip so my card keeps working
        travel notificaton for my mastercard
        inform the bank that i'll be traveling in asia for a month
        going to peru, let my bank kno
        i'd like to register an upcoming international trip on my account
        i'm visiting family in the philippines, can you update my card for travel
        don't block my card while i'm in portugal
        set a travel flag on both my cards
        I need to report upcoming travel to greece
        can you note that i'll be in new zealand over the holidays
        my card should work in ireland next week, please set that up
        update my travel plans with the bank
        i'm going on a cruise, do i need to notify the bank
        let my credit card issuer know i'll be in iceland
        register travel to south africa on my visa
        heading overseas soon, set a travel notice
        i'll be abroad for work, please flag my card
        tell the bank about my trip to egypt
    """),
)

ROUTES["exchange_rate"] = dict(
    references=lines("""
        what's the exchange rate from dollars to euros
        how many yen is one us dollar
        convert 100 pounds to dollars
        what is the current rate for usd to cad
        how much is a euro worth in dollars today
        tell me the exchange rate between the peso and the dollar
        what's 500 dollars in british pounds
        how strong is the dollar against the yen right now
        I need the conversion rate from euros to swiss francs
        how much would 50 euros be in us currency
    """),
    queries=lines("""
        exchange rate usd to eur
        how many pesos do i get for a dollar
        what's 200 euros in dollars
        convert 1000 yen to usd
        what is the pound to dollar rate today
        how much is the canadian dollar worth
        tell me how many rupees are in a us dollar
        exchnage rate for dollars to pounds
        what's the conversion for australian dollars to us dollars
        if i have 300 dollars how many euros is that
        current rate from won to dollars
        how much is one swiss franc in euros
        whats the exchange rate on the mexican peso
        convert 75 usd to gbp
        what will 1500 dollars get me in thai baht
        how many dollars is 20 pounds
        tell me the euro to yen exchange rate
        is the dollar up against the euro today
        how much are 40 canadian dollars in us money
        currency conversion from dollars to reais
        what's a rupee worth in pounds
        how much is 10k yen in dollars
        give me the exchange rate for the chinese yuan
        what's the rate for converting pounds into euros
        how much foreign currency will i get for 400 dollars in mexico
        dollar to euro
        what does a us dollar buy in korean won
        conver 250 euros to dollars pls
        how many kroner to the dollar
        what is the exchange rate between the us and canadian dollar
    """),
)

ROUTES["translate"] = dict(
    references=lines("""
        how do you say hello in spanish
        translate thank you into french
        what is the german word for apple
        can you translate this sentence into italian
        what does gracias mean in english
        how would I say where is the bathroom in japanese
        translate good morning to portuguese
        what's the chinese for I love you
        how do I say I'm allergic to peanuts in thai
        tell me what bonjour means
    """),
    queries=lines("""
        translate cat into spanish
        how do you say goodbye in italian
        what does danke mean
        how would i ask for the check in french
        translate 'where is the train station' to german
        what's the japanese word for water
        how do i say happy birthday in korean
        can you tell me what merci beaucoup means in english
        translat please and thank you into dutch
        say 'i don't understand' in russian
        what is 'how much does this cost' in spanish
        how do you say cheers in swedish
        translate this phrase to arabic: nice to meet you
        what does ciao mean
        i need to know how to say 'help' in greek
        english to french: i would like a coffee
        how do you say dog in mandarin
        what's 'excuse me' in portuguese
        meaning of the word arigato in english
        how would you say good night in hindi
        translate my name is alex into polish
        whats the spanish word for library
        how do u say beer in german
        convert this sentence from english to italian: the room is too cold
        what's the french translation of airport
        how do you say left and right in turkish
        in vietnamese, how do you say thank you
        what does the word 'hola' translate to
        can you translate 'see you tomorrow' into spanish
        how to say i'm vegetarian in japanese
    """),
)

# ---- home and personal assistant --------------------------------------------

ROUTES["weather"] = dict(
    references=lines("""
        what's the weather like today
        is it going to rain tomorrow
        what's the forecast for this weekend
        how hot will it be in phoenix on saturday
        tell me the temperature outside right now
        will it snow in denver this week
        what's the weather in london
        is there a storm coming tonight
        how cold is it going to get tonight
        give me the ten day forecast
    """),
    queries=lines("""
        weather
        is it raining in seattle
        whats the forecast for tomorrow
        will it be sunny on friday
        how windy is it outside
        what's the high today
        is there any chance of thunderstorms this afternoon
        what's the temperature going to be in chicago tomorrow
        will it rain during my commute
        give me the weather report for miami
        how humid is it today
        is it going to snow on christmas
        wether for this weekend
        what's the low tonight
        is a heat wave coming
        tell me the forecast for boston next week
        is it cloudy outside
        how many degrees is it right now
        is it nice out
        will the rain stop before evening
        weather in paris on monday
        whats it like outside rn
        any frost expected tonight
        is it gonna be hot tmrw
        what's the uv index today
        hourly forecast for this afternoon
        will it be below freezing tomorrow morning
        is there a hurricane warning for florida
        how's the weather looking for saturday's game
        what's the chance of rain today
    """),
)

ROUTES["what_to_wear"] = dict(
    references=lines("""
        what should I wear today
        do I need a jacket tonight
        should I bring an umbrella tomorrow
        is it warm enough for shorts today
        what kind of clothes should I pack for seattle this week
        should I wear a coat or a sweater this morning
        do I need boots for the snow tomorrow
        is it a t-shirt kind of day
        how should I dress for the weather in chicago
        will I need gloves and a hat later
    """),
    queries=lines("""
        what to wear today
        should i take a jacket with me
        do i need an umbrella
        can i wear sandals today or is it too cold
        what should my kids wear to school today
        is it too cold for a dress tonight
        should i layer up this morning
        do i need a raincoat for my walk
        what clothes do i need for london next week
        jacket or no jacket?
        is it hoodie weather
        should i wear shorts to the game on saturday
        what should i pack to wear for a weekend in denver
        do i need sunglasses and a hat today
        wat shud i wear tmrw
        should i dress warm for tonight
        how many layers should i wear skiing tomorrow
        will i need a scarf today
        is it okay to go out without a coat
        should i bring a sweater to the beach tonight
        do i need rain boots tomorrow
        what outfit is good for today's weather
        should i wear long sleeves
        is it cold enough for a winter coat
        do i need to bundle up the baby for our walk
        can i get away with a t shirt this afternoon
        should i grab an umbrella on my way out
        what shoes should i wear if it snows
        dress recommendation for tonight's weather
        shoud i wear a jacket to the concert tonight
    """),
)

ROUTES["set_alarm"] = dict(
    references=lines("""
        set an alarm for 7 am
        wake me up at 6:30 tomorrow
        I need an alarm for 5 in the morning
        set my alarm for quarter to eight
        can you set a wake up alarm for 9 on saturday
        create an alarm for 6 am every weekday
        please set an alarm at noon
        put an alarm on for 4:45 tomorrow morning
        make sure I'm awake by 8
        add an alarm for 10 pm tonight
    """),
    queries=lines("""
        alarm for 6
        wake me up at 7:15
        set an alarm for tomorrow at 5:30 am
        i need to be up at 6, set an alarm
        set a daily alarm for 7 am
        please wake me at half past six
        can you set an alarm for 3 pm so i don't oversleep my nap
        set alarm 8 am
        make an alarm for 11:30 tonight
        wake me up in the morning at 6:45
        set an alarm for my flight, 4 am
        i need an alarm for monday at 5
        set my wake up time to 7:30
        put on an alarm for 9:00
        sett an alarm for 630
        alarm at 5:15 am on weekdays
        i have to get up early tomorrow, set an alarm for 5
        create a new alarm for 8:20
        can u wake me up at 10
        turn on an alarm for 6 tomorrow morning
        set an alarm labeled gym for 5:45
        add a weekend alarm at 9 am
        i want to wake up at 7, please set an alarm
        set a 6 am alarm
        make sure i wake up at 7:00 tomorrow
        new alarm 4:30
        wake me at dawn, like 5:30
        alarm for seven thirty please
        could you please set an alarm for one in the afternoon
        set an alram for 8
    """),
)

ROUTES["set_timer"] = dict(
    references=lines("""
        set a timer for 10 minutes
        start a 30 second timer
        count down from 5 minutes
        I need a timer for the pasta, 12 minutes
        can you time 45 minutes for me
        set a one hour timer
        start a countdown for 20 minutes
        put a timer on for 3 minutes for my tea
        time me for two minutes
        set a timer for an hour and a half
    """),
    queries=lines("""
        timer 5 min
        set a 15 minute timer
        start a timer for 25 minutes
        i need a 9 minute timer for the eggs
        count down 90 seconds
        set a timer for my laundry, 40 minutes
        start a two hour timer
        can u set a timer for 8 minutes
        put on a 1 minute timer
        timer for half an hour
        set a tmer for 20 mins
        start counting down from 60 seconds
        i want a timer for 3 and a half minutes
        set a cooking timer for 35 minutes
        time 7 minutes for me please
        start a countdown of 4 minutes
        set timer for 50 minutes
        i need to time my workout, 30 minutes
        make a timer for 6 minutes
        give me a 45 second countdown
        set a 20 minute nap timer
        start a timer for the oven, 18 minutes
        timer for 2 hours please
        set a pomodoro timer
        could you run a timer for 12 minutes
        count down from ten minutes
        set a timer for a quarter of an hour
        start a timmer for 3 min
        set the timer to 100 seconds
        new timer 11 minutes
    """),
)

ROUTES["set_reminder"] = dict(
    references=lines("""
        remind me to call the dentist tomorrow
        set a reminder to pick up the dry cleaning at 5
        remind me to take my medicine at 9 pm
        can you remind me about my mom's birthday on friday
        create a reminder to water the plants every sunday
        don't let me forget to pay rent on the first
        remind me in an hour to check the laundry
        set a reminder for my doctor's appointment next week
        I need a reminder to renew my passport
        please remind me to email the landlord tonight
    """),
    queries=lines("""
        remind me to buy milk
        set a reminder for 3pm to call my sister
        don't let me forget to take out the trash tonight
        remind me tomorrow morning to send the report
        can you remind me to feed the cat at 6
        i need a reminder about the parent teacher conference
        remind me in 20 minutes to check the oven
        create a reminder to cancel my gym membership
        remind me to pick up my kids at 3:30
        set a remindr to pay the car insurance
        please remind me to stretch every hour
        remind me to bring my id to the airport
        add a reminder for my anniversary next month
        i keep forgetting to drink water, remind me at noon
        remind me on monday about the package return
        set a reminder: dentist at 10 am thursday
        can u remind me to text john later
        remind me when i get home to charge my phone
        make a reminder for garbage day every tuesday
        reminder to call the bank tomorrow
        remind me to refill my prescription on friday
        don't let me forget my umbrella tomorrow
        set up a recurring reminder to back up my laptop
        remind me about the meeting 15 minutes before it starts
        remind me to book a flight for thanksgiving
        i need to remember to renew my license, set a reminder
        remind me abt the party saturday
        put a reminder in for my flu shot
        can you remind me tonight to set out my clothes
        remind me at 8 to start dinner
    """),
)

ROUTES["play_music"] = dict(
    references=lines("""
        play some music
        put on my workout playlist
        play the latest album by coldplay
        I want to listen to some jazz
        play relaxing piano music
        can you play songs from the 80s
        shuffle my liked songs
        play something upbeat
        put on classical music while I work
        play the song bohemian rhapsody
    """),
    queries=lines("""
        music please
        play some rock
        put on my chill playlist
        i want to hear taylor swift
        play country music
        can you play something to help me sleep
        shuffle my road trip playlist
        play that new song everyone's talking about
        put on some hip hop
        play musc
        play lo-fi beats for studying
        start my morning playlist
        i'm in the mood for some blues, put it on
        play the beatles
        play some christmas songs
        can u put on some tunes
        play the album abbey road
        play a song by adele
        put on some background music for dinner
        play my discover weekly
        start playing some latin music
        play happy birthday
        i wanna listen to some metal
        play the top hits right now
        put some reggae on
        play music from the lion king soundtrack
        play songs similar to what i listened to yesterday
        play some classicl music
        queue up some 90s r&b
        play me a lullaby for the baby
    """),
)

ROUTES["shopping_list"] = dict(
    references=lines("""
        add milk to my shopping list
        put eggs and bread on the grocery list
        what's on my shopping list
        remove bananas from my shopping list
        I need to add paper towels to the list for the store
        can you put coffee on my grocery list
        read me my grocery list
        add two pounds of chicken to my shopping list
        take apples off the grocery list
        we're out of dish soap, add it to the shopping list
    """),
    queries=lines("""
        add butter to the shopping list
        whats on my grocery list
        put cereal on the grocery list
        we need more toilet paper, add it to the list for the store
        remove milk from the grocery list, i already bought it
        add dog food to my shopping list
        can you tell me what groceries i need to buy
        add ketchup to the shoping list
        put orange juice and yogurt on my grocery list
        clear my shopping list
        add batteries to the list of things to buy
        did i already put onions on the shopping list
        take the chips off my grocery list
        shopping list: add rice
        read back everything on my shopping list
        i need to pick up shampoo, add it to my list for the store
        add a dozen eggs to groceries
        how many items are on my shopping list
        put tomatoes and basil on the grocery list for tonight's dinner
        add diapers to the shopping list
        we ran out of coffee filters, put them on the shopping list
        remove everything from my grocery list
        add lightbulbs to the shopping list
        whats left on the grocery list
        add cheese to my shopping list pls
        put avocados on the shopping list
        i need sugar, flour and baking soda on my grocery list
        what do i need from the supermarket
        groceyr list add peanut butter
        cross off the bread from my shopping list
    """),
)

ROUTES["todo_list"] = dict(
    references=lines("""
        add call the plumber to my to-do list
        what's on my to do list today
        put finish the report on my todo list
        remove clean the garage from my to-do list
        add schedule a haircut to my tasks
        read me my to-do list
        mark paying the bills as done on my list
        I need to add mow the lawn to my todo list
        what tasks do I still have left on my list
        put renew car registration on my to-do list
    """),
    queries=lines("""
        what's on my todo list
        add wash the car to my to do list
        put vacuum the living room on my list of chores
        what do i still need to do today
        cross off laundry from my to-do list
        add return library books to my tasks
        i need to add fix the fence to my to-do list
        read my task list
        put 'email the accountant' on my to do list
        remove organize closet from my todo
        what tasks are left for this week
        add pick up prescription to my to-do list
        to do list add clean fridge
        mark call mom as done
        whats on my todo lst
        put buy a birthday gift for dad on my to-do list
        add 'book dentist appointment' to my tasks
        clear all completed items from my to-do list
        how many things are on my to do list
        add paint the bedroom to my list of projects
        put water the garden on my todo
        i finished the tax forms, check it off my list
        add update my resume to the to-do list
        what's next on my task list
        add 'clean gutters' to my chores list
        remove walk the dog from my todo list
        put sort out the recycling on my to do list
        can u add study for exam to my todo
        show me my tasks for tomorrow
        add reorganize the pantry to my to-do lsit
    """),
)

# ---- food -------------------------------------------------------------------

ROUTES["recipe"] = dict(
    references=lines("""
        how do I make lasagna
        give me a recipe for chocolate chip cookies
        what's a good recipe for chicken curry
        how do you cook a steak on the stove
        find me a vegetarian chili recipe
        what can I make with chicken, rice and broccoli
        how do I bake banana bread
        tell me how to make pancakes from scratch
        I need an easy recipe for dinner tonight
        what are the steps to make homemade pizza dough
    """),
    queries=lines("""
        recipe for guacamole
        how do i make spaghetti carbonara
        what's an easy dessert i can bake
        how to make french toast
        give me a good soup recipe
        what can i cook with ground beef and potatoes
        how do you make fried rice
        find a gluten free brownie recipe
        i want to make tacos tonight, how do i do it
        how do i roast a whole chicken
        recipie for apple pie
        what's the best way to make mashed potatoes
        how do you make hummus at home
        tell me a recipe for beef stew
        i have eggs, spinach and cheese, what can i make
        how to cook salmon in the oven
        show me how to make a smoothie
        vegan pasta recipe please
        how do i make my own bread
        whats a quick breakfast recipe
        how do you make pad thai
        give me instructions for making sushi rolls
        how to make chocolate cake from scratch
        what's a good recipe for a potluck
        how do i make meatballs
        teach me how to make lemonade
        how do u make mac and cheese
        recipe ideas for leftover turkey
        how do you make a margarita
        how to bake sugar cookies for the holidays
    """),
)

ROUTES["nutrition_info"] = dict(
    references=lines("""
        how many calories are in a banana
        how much protein is in an egg
        what's the nutritional value of avocado
        how many carbs are in a cup of rice
        is there a lot of sugar in orange juice
        how much fat is in a slice of pizza
        how many calories does a big mac have
        tell me the calories in a glass of red wine
        how much fiber is in oatmeal
        what are the macros for grilled chicken breast
    """),
    queries=lines("""
        calories in an apple
        how many calories in a slice of bread
        how much protein does greek yogurt have
        what's the sugar content of a can of coke
        how many carbs in a bagel
        is peanut butter high in fat
        nutrition facts for almonds
        how many calories are in a chocolate chip cookie
        how much sodium is in a bag of chips
        how many calroies in a beer
        what vitamins are in spinach
        how much protein is in a can of tuna
        how many calories does a cup of coffee with milk have
        is rice or pasta higher in carbs
        how healthy is a smoothie, calorie wise
        how many calories in lasagna
        how much iron is in red meat
        what's the calorie count of a medium pizza
        how much sugar is in a donut
        how many grams of fat in an avocado
        calories in two scrambled eggs
        how much cholesterol is in shrimp
        what are the macros on a protein bar
        how many calories am i eating if i have a burger and fries
        is a banana high in potassium
        how much caffeine and calories are in a latte
        nutritional info for brown rice
        how many carbs r in a potato
        how many calories in a bowl of cereal
        does hummus have a lot of protein
    """),
)

ROUTES["restaurant_reservation"] = dict(
    references=lines("""
        book a table for two at 7 tonight
        make a dinner reservation for four people on saturday
        can you reserve a table at the italian place downtown
        I need a reservation for 6 at a steakhouse tomorrow
        get me a table for lunch at noon
        reserve a spot for my birthday dinner friday night
        book us a table at the sushi restaurant for 8 pm
        can I get a reservation at olive garden for three
        make a brunch reservation for sunday at 11
        I'd like to book a restaurant for our anniversary
    """),
    queries=lines("""
        table for 2 at 8
        book a dinner reservation for tonight
        reserve a table for five at the thai restaurant
        can you get me a table at the new french bistro saturday
        i need a lunch reservation for my team of 10 tomorrow
        make a reservation at the steak house for 7:30
        book a table outside at the mexican place
        reserve a table for 4 this friday at 6
        get us a table at a pizza place for the kids party
        i want to book a restaurant for a date night
        resrve a table for two at 9
        can i book a booth for six people tonight
        make reservations for dinner with my in-laws sunday
        book a table at the seafood restaurant near the hotel
        i need a table for three at the ramen shop tomorrow night
        schedule a dinner reservation for thursday
        reserve brunch for eight on mother's day
        get me a reservation at a vegan restaurant
        book dinner for two at the rooftop bar
        can u reserve a table for tonight
        a table for one at 12:30 please
        book a private dining room for 15 people
        make a restaurant booking for our team dinner next friday
        reserve a table at the chinese restaurant on main street
        i'd like dinner reservations at the best place in town for two
        book the indian restaurant for 7 pm saturday
        can you call and reserve a table for us at the diner
        reservation for 4 at the burger place at 6:30
        book a tabel for dinner tomorrow
        get a table for my parents and me at the korean bbq place
    """),
)

# ---- work -------------------------------------------------------------------

ROUTES["schedule_meeting"] = dict(
    references=lines("""
        schedule a meeting with the marketing team tomorrow at 10
        set up a call with my manager on thursday
        book a conference room for 2 pm friday
        can you put a meeting on my calendar with the sales team
        arrange a one on one with sarah next week
        I need to schedule a team sync for monday morning
        set up a zoom call with the client at 3
        add a project kickoff meeting to my calendar for wednesday
        find a time that works for everyone on the design team to meet
        send a meeting invite to the engineering leads for tuesday
    """),
    queries=lines("""
        schedule a meeting
        set up a 30 minute call with the vendor next tuesday
        put a meeting with hr on my calendar for friday afternoon
        can you book a room for our weekly standup
        arrange a meeting with the finance department
        i need to meet with my team at 4, set it up
        send an invite for a brainstorming session on monday
        schedul a call with the new hire tomorrow
        find an open slot with my boss this week
        create a calendar event for the quarterly review meeting
        set up a video call with the london office
        book a meeting room for 8 people at 11 am
        get a meeting on the books with the client for next week
        schedule a recurring one on one every other friday
        set a team lunch meeting on my calendar for wednesday
        can you set up a sync between me and the product team
        i'd like to schedule an interview with a candidate on thursday
        organize a meeting with the project stakeholders
        put a 1:1 with my direct report on the calendar
        plan a meeting for 9 am monday with the board
        invite the whole team to a meeting at 2
        book time with the it department to go over the rollout
        can u set up a meeting w/ marketing
        schedule a check-in with the contractor
        set up a teams call for this afternoon
        add a meeting with legal to my calendar
        i need a meeting with accounting before the end of the month
        reserve the big conference room for a client presentation
        schedule a follow up meeting with the customer
        set up a meating with the sales leads on friday
    """),
)

ROUTES["request_time_off"] = dict(
    references=lines("""
        I want to request vacation days next month
        submit a pto request for friday
        how do I ask for time off
        I need to take monday off for a doctor's appointment
        request leave from december 20 to january 2
        can I book two weeks of holiday in august
        I'd like to take a personal day tomorrow
        put in for time off over thanksgiving
        file a request for sick leave today
        I need to apply for parental leave starting in may
    """),
    queries=lines("""
        request pto
        i need next friday off
        submit a vacation request for the first week of july
        can i take a day off tomorrow
        i'd like to use some of my vacation days in october
        how do i apply for leave
        put in a request for three days off next week
        i'm sick, i need to request a sick day
        request off the 24th through the 26th
        request time of for my wedding
        i want to book holiday from work for my honeymoon
        apply for bereavement leave
        ask my manager for a personal day on thursday
        can you file a pto request for monday and tuesday
        i need to take time off to move house
        request a half day friday afternoon
        submit leave for the week of spring break
        how do i take vacation at this company
        i need to book annual leave
        put me down for time off on the 4th
        i want a long weekend, request monday off
        request medical leave for my surgery
        can i get christmas week off
        i need to request a few days off for a family emergency
        file a time off request
        requesting vacation for next summer
        i want to take off work next wednesday
        need a day off tmrw, can u request it
        submit my holiday request for the new year
        request two weeks paternity leave
    """),
)

ROUTES["reset_password"] = dict(
    references=lines("""
        I forgot my password
        reset my password
        how do I change my login password
        I'm locked out of my account
        I can't log in because I don't remember my password
        help me recover my account password
        send me a password reset link
        I need to update my password for the app
        my password isn't working, can you reset it
        how can I set a new password for my email
    """),
    queries=lines("""
        forgot password
        reset my login
        i can't sign in, my password is wrong
        how do i change my account password
        send a reset password email
        my account is locked after too many login attempts
        i need a new password for the website
        change my online banking password
        i forgot my pasword
        how can i recover my login
        password reset please
        i can't remember the password to my account
        the reset link you sent me expired, send another
        update my password
        help, i'm locked out
        how do i reset my work laptop password
        i want to change my password to something more secure
        my password got hacked, i need to change it
        can't log into the app, forgot my credentials
        reset the password for my email account
        i need to get back into my account, i don't know my password
        my login isnt working
        new password please
        where do i go to reset my password
        i keep getting incorrect password when i try to log in
        can u reset my pw
        how do i change the password on my profile
        recover my forgotten password
        set a new login password
        forgot my pasword again, help
    """),
)

# ---- small talk -------------------------------------------------------------

ROUTES["greeting"] = dict(
    references=lines("""
        hello
        hi there
        good morning
        hey, how are you
        hi, how's it going
        good evening
        howdy
        hey there, what's up
        hello, nice to meet you
        good afternoon
    """),
    queries=lines("""
        hi
        hey
        hello there
        yo
        good morning to you
        hiya
        hey what's going on
        how are you today
        how's your day going
        greetings
        hey hey
        helo
        sup
        hi, how have you been
        morning!
        hey buddy
        hello, anyone there?
        hi assistant
        whats up
        how are things
        good day
        hey, how's everything
        evening!
        hi, hope you're doing well
        heyyy
        hello hello
        how r u
        hi there friend
        well hello
        how are you doing
    """),
)

ROUTES["tell_joke"] = dict(
    references=lines("""
        tell me a joke
        make me laugh
        do you know any good jokes
        say something funny
        I want to hear a joke
        tell me a knock knock joke
        got any dad jokes
        cheer me up with a joke
        tell me your funniest joke
        can you tell me a pun
    """),
    queries=lines("""
        joke please
        tell me something funny
        know any jokes about cats
        i need a laugh
        tell a joke
        make me laugh with a joke about programmers
        give me a corny joke
        tell me a jok
        what's a good one liner
        tell me a joke for kids
        can you say a joke to my friend
        do you have a funny riddle
        i'm bored, tell me a joke
        tell me another joke
        say a dad joke
        hit me with your best joke
        any puns about food
        entertain me with something funny
        tell me a knock-knock
        joke time
        tell me a silly joke
        got a funny story or joke for me
        make me smile, tell a joke
        u got any jokes
        tell me a clean joke
        i wanna hear something hilarious
        tell me a joke about the weather
        what's the funniest joke you know
        tell me a bad pun
        say something to make me laugh
    """),
)

ROUTES["fun_fact"] = dict(
    references=lines("""
        tell me a fun fact
        give me an interesting fact
        share a random fact
        tell me something I don't know
        what's a cool fact about animals
        give me a fun fact about space
        tell me an interesting piece of trivia
        do you know any weird facts
        teach me something new
        tell me a fun fact about the ocean
    """),
    queries=lines("""
        fun fact
        tell me a random fact
        give me some trivia
        what's an interesting fact about history
        tell me something cool
        do you have any fun facts about dogs
        i want to learn a random fact
        tell me a fact about the human body
        give me a fun fact about food
        whats a weird fact
        tell me something interesting about octopuses
        share a cool science fact
        random trivia please
        teach me a fun fact
        tell me an amazing fact about the planets
        give me a fact i probably don't know
        fun fact about cats
        tell me a surprising fact
        any interesting facts about the moon
        give me a fun fact to share at dinner
        tell me a fun fac
        tell me an obscure piece of trivia
        tell me a fact about dinosaurs
        share something interesting with me
        what's a fun fact about the weather
        give me a fact about money
        i'd like to hear a mind-blowing fact
        fun fact of the day?
        tell me something neat about nature
        intresting fact pls
    """),
)

# --------------------------------------------------------------------------
# Out-of-scope queries (label null), grouped by how close they sit to a route.
# --------------------------------------------------------------------------

OUT_OF_SCOPE: dict[str, list[str]] = {}

# Banking questions no route covers.
OUT_OF_SCOPE["near_banking"] = lines("""
    what's my credit score
    how do i opne a new savings account
    what is the interest rate on your savings accounts
    i want to dispute a charge on my statement
    when will my replacement card arrive
    can i increase my credit limit
    what's my bank's routing number
    how do i set up direct deposit with my employer
    i'd like to apply for a mortgage
    how do i close my checking account
    can i order new checks
    wheres the nearest atm
    when is my credit card payment due
    what's the apr on my credit card
    how do i apply for a personal loan
    can i get a cashier's check
    how long does a check take to clear
    what are your branch hours on saturday
    how do i deposit a check with my phone
    how do i add my spouse to my account
    what fees do you charge for overdrafts
    how do i activate my new crad
    can you waive the late fee on my account
    what rewards do i get with my credit card
    how many reward points do i have
    i want to redeem my points for cash back
    how do i get a copy of my bank statement
    is my money fdic insured
    can i open an account for my teenager
    what's the minimum balance to avoid fees
    what's the difference between a roth ira and a traditional ira
    should i refinance my car loan
    how do i get a loan for a new car
    what's the current mortgage rate
    how do i become a member of the credit union
    can i change the due date on my credit card
    how do i report a fraudulent charge
    how do i update my mailing address with the bank
    what's the swift code for this bank
    how do i stop payment on a check
    can i get a higher interest rate on my cd
    what documents do i need to open an account
    what's the daily limit on atm withdrawals
    does my account earn interest
    how do i apply for a credit card
    am i pre-approved for any credit cards
    can i get a student loan through you
    how do i sign up for paperless statements
    what is a good credit score
    how can i improve my credit score
    what's the penalty for withdrawing from my cd early
    can i make a deposit at any branch
    i want to talk to a loan officer
    how do i lower my credit card interest rate
    how do i enroll in overdraft protection
    what's the interest on my car loan
    can i get a debit card for my kid
    whats the bank's phone number
    is the bank open on memorial day
    can i get a document notarized at the bank
    how much does it cost to rent a safe deposit box
    what's my account number
    how do i cash a check without a bank account
    what's the difference between credit and debit
    how does compound interest work
    should i pay off debt or save first
    how much should i have in an emergency fund
    is bitcoin a good investment
    which stocks should i buy this year
    how do i file my taxes online
    when will i get my tax refund
    how do i budget my money better
    how much house can i afford
    what is an index fund
    how do i start investing with little money
    wats the overdraft fee
    how do i check my credit report for free
    can i open a business account online
    what happens if i bounce a check
    how do i set up a savings goal
""")

# Travel questions no route covers.
OUT_OF_SCOPE["near_travel"] = lines("""
    how much does it cost to check a bag
    what's the carry on size limit
    do i need a visa to vist japan
    cancel my hotl reservation
    can i change my seat on my flight
    how do i upgrade to first class
    rent a car in denver for the weekend
    how long is the flight from new york to london
    what's the time difference between paris and new york
    what vaccines do i need to travel to kenya
    what's the best time of year to visit italy
    where can i exchange currency at the airport
    what plug adapter do i need for the uk
    how early should i get to the airport for an international flight
    can i bring liquids in my carry on
    check me in for my flight tomorrow
    how many frequent flyer miles do i have
    what's my frequent flyer number
    cancel my flight to chicago
    i lost my luggage at the airport
    how do i get a passport
    how long does it take to renew a passport
    what are some fun things to do in barcelona
    how far is the airport from downtown
    is it safe to travel to egypt right now
    what's the tipping custom in japan
    what language do they speak in brazil
    what currency do they use in switzerland
    can i use my phone abroad without roaming charges
    how do i get from the airport to my hotel in rome
    which airlines fly to iceland
    does my hotel have free breakfast
    what time is check out at my hotel
    how much are train tickets from paris to lyon
    book a train to philadelphia
    find me a bus from boston to new york
    how do i get a refund for a cancelled flight
    how much is a taxi from the airport to the city
    what should i see in tokyo in three days
    what's the cheapest month to fly to europe
    can i bring my dog on the plane
    what's the baggage weight limit for checked bags
    how do i apply for tsa precheck
    what's the speed limit on german highways
    is tap water safe to drink in mexico
    do i need travel insurance
    how do i get an international driver's permit
    what's the emergency number in europe
    where is the lost and found at the airport
    my flight got cancelled, can i get compensation
    add my known traveler number to my reservation
    how do i request a wheelchair at the airport
    can i get a window seat
    how many hours is the drive from la to san francisco
    what cruise lines go to alaska
    when does the louvre open
    how much should i budget for a week in thailand
    what are the entry requirements for canada
    is my passport still valid for travel
    where can i park at the airport
    how do i get to the eiffel tower from my hotel
    does the hotel have a shuttle to the airport
    cancel my car rental
    book a rental car at the airport
    what's the best travel credit card
    how much is a ticket to the colosseum
    what documents does my child need to fly
    how do i join the airline's loyalty program
    whats the checked bag fee on southwest
    can i brng a laptop in my checked bag
    what's the local time in sydney
    what time zone is chicago in
    what are the best beaches in greece
    how long can i stay in the uk without a visa
    is uber available in lisbon
""")

# Home, phone and assistant requests no route covers.
OUT_OF_SCOPE["near_assistant"] = lines("""
    turn on teh living room lights
    set the thermostat to 70 degrees
    lock the front door
    what time is it
    whats todays date
    call my mom
    send a text to alex saying i'm running late
    read my new emails
    turn up the volume
    what song is playing right now
    pause the music
    delete my reminder about the dentist
    what's on my calendar today
    find my phone
    how much battery does my phone have
    order more paper towels online
    track my amazon package
    call me an uber
    how long will it take to drive to work
    give me directions to the nearest gas station
    what's the traffic like on the highway
    turn off the tv
    start the robot vacuum
    is the garage door closed
    dim the bedroom lights to 50 percent
    what's the wifi password
    how do i connect my phone to bluetooth speakers
    turn on do not disturb
    what's my next appointment
    reorder my last grocery delivery
    where did i park my car
    make the screen brighter
    what's the news today
    read me the headlines
    what's happening in the world today
    set the oven to 350 degrees
    start the coffee maker
    how many steps have i walked today
    take a picture
    open the calculator app
    turn the heat up a couple degrees
    what's my phone number
    change the language of the assistant to french
    how do i turn off notifications on my phone
    update my phone's software
    who's at the front door
    show me the backyard camera
    run the sprinklers for 15 minutes
    turn on the fan in the bedroom
    close the blinds
    how loud is the volume right now
    mute the speaker
    call the nearest pizza place
    send an email to my landlord about the broken sink
    what did i add to my calendar for friday
    what did we talk about yesterday
    what's my schedule like next week
    find a podcast about history
    recommend a good audiobook
    who sings this song
    add a new contact named chris
    block this phone number
    what's the battery on my earbuds
    set my phone to silent
    turn on the porch light at sunset
    how much data have i used this month
    whats the time in london rn
    turn of the kitchen lights
    charge my car to 80 percent
    how long until my package arrives
    did i get any voicemails
    play my voicemail
    read my text messages
    cancel all my reminders
    show me photos from last summer
    what's the temperature inside the house
    print my boarding pass
    turn on the dishwasher
    open the garage
    turn on the air conditioning
""")

# Food and dining questions no route covers.
OUT_OF_SCOPE["near_food"] = lines("""
    find a good sushi place nearby
    what time does the pizza place on elm street close
    is the thai resturant open on sundays
    order chinese takeout for delivery
    cancel my dinner reservation for tonight
    is it safe to eat chicken that was left out overnight
    how long does cooked rice last in the fridge
    what wine goes well with salmon
    what's the best diet for losing weight
    is coffee bad for your heart
    how much should i tip at a restaurant
    what's a good restaurant for a first date
    does the steakhouse downtown have vegetarian options
    what's the difference between baking soda and baking powder
    how do i sharpen a kitchen knife
    is a tomato a fruit or a vegetable
    what's the healthiest fast food option
    where can i buy fresh fish around here
    how do i clean a cast iron pan
    order a large pepperoni pizza
    can dogs eat grapes
    is the new burger place any good
    how long can i keep leftovers in the freezer
    where does pizza come from originally
    how many cups are in a quart
    convert 200 grams of flour to cups
    how many tablespoons in a cup
    what's the wait time at the italian place tonight
    is the cafe on main street dog friendly
    best coffee shop near me
    how do i become a vegetarian
    is intermittent fasting healthy
    how much water should i drink a day
    what's the best way to store avocados
    can you order groceries for delivery
    where is the closest grocery store
    is the farmers market open today
    how do i get a job as a chef
    what's the spiciest pepper in the world
    how do you pronounce croissant
""")

# Workplace questions no route covers.
OUT_OF_SCOPE["near_work"] = lines("""
    how many vacation days do i hav left
    when is the next company holiday
    when is payday??
    how do i submit an expense report
    who is my manager
    the office printer isn't working
    how do i enroll in the company health insurance plan
    write an email to my boss saying i'll be late
    summarize this document for me
    cancel my 3 pm meeting
    what's on my calendar tomorrow
    how do i update my direct deposit info at work
    what's my employee id number
    how much is my 401k worth
    when is my next performance review
    how do i ask for a raise
    what's the dress code at the office
    can i work from home on fridays
    my laptop won't turn on
    how do i connect to the company vpn
    who do i contact in it for a broken monitor
    what's the company's parental leave policy
    how many sick days do we get per year
    how do i file a complaint with hr
    write a meeting agenda for tomorrow
    transcribe my last meeting
    how do i quit my job professionally
    help me prepare for a job interview
    what is the company's 401k match
    where is conference room b
    is the office closed tomorrow because of snow
    how do i change my tax withholding at work
    who is out of office today
    how do i share my screen on zoom
    what time does the office open
    how do i get reimbursed for travel expenses
    when is the holiday party
    can i carry over unused vacation days
    how do i sign up for benefits
    how many hours did i work this week
    how do i submit my timesheet
    what's the status of my reimbursement
    how do i add someone to a slack channel
    i need a new badge to get into the building
    what's the password policy for company accounts
    how do i turn on two factor authentication
    how do i make a pivot table in excel
    draft a thank you note to my team
    what are the core working hours here
    how do i request a new laptop
""")

# Small talk no route covers.
OUT_OF_SCOPE["chit_chat"] = lines("""
    what's your name
    are you a robot
    who made u
    how old are you
    thank you
    thanks so much for your help
    goodbye
    see you later
    i love you
    do you have feelings
    what's the meaning of life
    are you smarter than siri
    what's your favorite color
    do you dream
    can we be friends
    i'm feeling sad today
    you're awesome
    you're useless
    where do you live
    what can you do
    can you speak spanish
    sing me a song
    tell me a story
    let's play a game
    flip a coin
    roll a die
    pick a random number between 1 and 10
    i'm so bored
    good night, talk tomorrow
    bye for now
    what's your favorite movie
    do you like me
    are you a boy or a girl
    what do you look like
    are you listening to me
    never mind
    that's not what i asked
    you misunderstood me
    can you repeat that
    what did you say
    ok cool
    yes please
    no thanks
    i don't know
    why are you so slow
    do you sleep
    what is your purpose
    are you alive
    do you have a family
    what's your favorite food
    who is your favorite singer
    what's your favorite book
    do you believe in ghosts
    tell me about yourself
    i had a really long day
    i got a promotion today
    guess what happened to me
    you're funny
    that joke was terrible
    thanks, that's all
    talk to you later
    what's your opinion on cats
    do you get tired
    are you happy
    what are you doing right now
    how smart are you
    can you keep a secret
    i'm hungry
    i'm cold
    i can't sleep
    what languages do you speak
    do you like music
    wat r u called
    thx
    lol
""")

# General-knowledge questions.
OUT_OF_SCOPE["general_knowledge"] = lines("""
    what's the capital of australia
    who paintd the mona lisa
    how far is the moon from earth
    how many bones are in the human body
    when did world war two end
    what's the boiling point of water in fahrenheit
    how tall is mount everest
    who wrote pride and prejudice
    what's the population of canada
    what's the square root of 144
    what's 15 percent of 80
    how many ounces are in a cup
    convert 5 miles to kilometers
    what's 70 fahrenheit in celsius
    how do you spell necessary
    what does ubiquitous mean
    give me a synonym for happy
    who was the first person to walk on the moon
    what is the largest ocean on earth
    how many continants are there
    what's the chemical symbol for gold
    what year did the titanic sink
    what is photosynthesis
    how many states are in the us
    what's the longest river in the world
    who invented the telephone
    what is the speed of light
    what's the tallest building in the world
    how many feet are in a mile
    what's 12 times 17
    what is the largest planet in the solar system
    when is the next full moon
    what's the difference between weather and climate
    how do airplanes stay in the air
    what causes earthquakes
    how many languages are spoken in the world
    who discovered penicillin
    what's the smallest country in the world
    how long does it take light from the sun to reach earth
    what's the freezing point of water in celsius
    how many players are on a soccer team
    what is the plural of octopus
    when was the declaration of independence signed
    what's the capital of canada
    how deep is the pacific ocean
    how many days are in a leap year
    what's the main ingredient in guacamole
    what is dna
    what's the fastest land animal
    who composed the four seasons
    what is gravity
    how many hearts does an octopus have
    what's the largest desert in the world
    how many time zones does russia have
    what's the currency of japan
    what's the official language of egypt
    how old is the universe
    who is the author of harry potter
    what is the hottest planet
    what's the meaning of the word serendipity
    how many miles is a marathon
    what's the area of a circle with radius 3
    what's the opposite of generous
    whats the capitol of germany
    how meny ounces in a pound
    what do bees make
    why do cats purr
    how does a rainbow form
    what makes thunder
    what's the difference between a hurricane and a tornado
    how many centimeters in an inch
    who was the first president of the united states
    what's the biggest animal ever
    when did the roman empire fall
    how does the stock market work
    what's the gdp of germany
    how many calories does walking a mile burn
    how many grams are in a kilogram
    what's the highest mountain in africa
    what planet is closest to the sun
    is pluto still a planet
    how many moons does mars have
    how do vaccines work
    why is the ocean salty
    what's the most spoken language in the world
    what does the acronym nasa stand for
    what is inflation
    how many zeros in a billion
    what's 3 to the power of 5
    how long is a light year
    what's the atomic number of oxygen
    who built the pyramids
    what is the theory of relativity
    what is a prime number
    what's the distance between new york and chicago
""")

# Far from every route: coding, health, home repair, hobbies, advice.
OUT_OF_SCOPE["far"] = lines("""
    write a python function to reverse a string
    help me debug this javascript error
    what are the symptoms of the flu
    how do i get rid of a hedache
    can my landlord evict me w/o notice
    write a poem about autumn
    who won the super bowl last year
    what's the score of the lakers game
    how do i change a flat tire
    recomend a good book to read
    what movie should i watch tonight
    how do i fix a leeky faucet
    how do i lose belly fat
    what's the best laptop for college students
    explain quantum computing in simple terms
    how do i train my puppy to sit
    why is the sky blue
    help me write a cover letter
    what's the best way to learn guitar
    how do i unclog a drian
    what's a good name for a goldfish
    how do i write a resume
    what are the rules of chess
    how do i meditate
    how do i get a stain out of a white shirt
    whats the best phone to by right now
    how do i start a vegetable garden
    write a haiku about the ocean
    what should i get my wife for our anniversary
    how do i install a ceiling fan
    what are good exercises for lower back pain
    how do i make my plants grow faster
    how do i get my toddler to sleep through the night
    what's the best way to study for a math test
    how do i jump start a car battery
    what is the difference between sql and nosql
    how do i center a div in css
    how do i tye a tie
    what's the best way to clean hardwood floors
    should i get a cat or a dog
    how do i deal with stress at work
    what are the side effects of ibuprofen
    how often should i change my car's oil
    what's the best streaming service
    how do i make my wifi faster
    write a short story about a dragon
    who will win the world cup
    how do i knit a scarf
    how long should a power nap be
    help me plan a birthday party for my son
    what are the best hiking trails near denver
    how do i get better at public speaking
    how do i paint a room
    what's the best mattress for back pain
    how do i negotiate a lower rent
    how do i stop procrastinating
    what's a good workout routine for beginners
    how do i apologize to a friend
    is it normal for my dog to sleep all day
    how do i remove a virus from my computer
    what's the best way to learn a new language
    give me ideas for a science fair project
    how do i compost at home
    how do i make a website
    what's the difference between a virus and bacteria
    how do i get rid of ants in my kitchen
    what's a good gift for a coworker who is leaving
    how many hours of sleep do adults need
    what are the lyrics to happy birthday
    how do i become a pilot
    what's the best credit card for college students
    can you help me with my algebra homework
    solve 2x + 5 = 15
    how do i make new friends as an adult
    what's the best time to plant tulips
    how do i replace a light switch
    how do i sew a button back on
    write a limerick about a cat
    who's the best basketball player of all time
    how do i hang a picture frame
    what's the best way to pack a suitcase
    how do i get over jet lag
    what is machine learning
    how do i convert a pdf to word
    what's the best free antivirus
    how do i back up my iphone
    what's a good hobby to pick up
    how to get rid of hiccups
    how do i teach my kid to ride a bike
    what should i name my startup
    how do i plan a surprise proposal
    how do i wash a wool sweater
    what's the difference between an llc and a corporation
    how do i register to vote
    how do i renew my driver's license
    how can i sleep better
    how do i stop snoring
    whats a gud movie for family night
    how do i fix my bike chain
    wich laptop is better for gaming
    how do i get rid of a sunburn
    how do i make my car more fuel efficient
    what sould i do this weekend
    recommend a tv show about lawyers
    how do i change my profile picture on facebook
""")

# --------------------------------------------------------------------------
# Building, splitting, writing, validating.
# --------------------------------------------------------------------------


def normalise(text: str) -> str:
    """Case-insensitive, whitespace-normalised form used for duplicate checks."""
    return " ".join(text.lower().split())


def loose(text: str) -> str:
    """Also ignores punctuation: catches near-verbatim repeats."""
    return " ".join(re.sub(r"[^\w\s]", " ", text.lower()).split())


def split_queries() -> tuple[list[dict], list[dict]]:
    fit: list[dict] = []
    test: list[dict] = []
    for index, (name, route) in enumerate(ROUTES.items()):
        queries = list(route["queries"])
        random.Random(SEED * 1000 + index).shuffle(queries)
        n = QUERIES_PER_ROUTE_PER_SPLIT
        fit += [{"text": q, "label": name} for q in queries[:n]]
        test += [{"text": q, "label": name} for q in queries[n : 2 * n]]
    # Out-of-scope: shuffle each group, then deal the concatenation so that one
    # in twenty goes to fit: every group is represented in both, few in fit.
    dealt: list[str] = []
    for index, (_, group) in enumerate(OUT_OF_SCOPE.items()):
        group = list(group)
        random.Random(SEED * 7000 + index).shuffle(group)
        dealt += group
    step = OOS_TOTAL // OOS_FIT
    fit += [{"text": q, "label": None} for i, q in enumerate(dealt) if i % step == 0]
    test += [{"text": q, "label": None} for i, q in enumerate(dealt) if i % step != 0]
    random.Random(SEED + 1).shuffle(fit)
    random.Random(SEED + 2).shuffle(test)
    return fit, test


def router_document() -> dict:
    return {
        "name": "intents",
        "routes": [
            {
                "name": name,
                "references": route["references"],
                "metadata": {},
                "distance_threshold": 0.5,
            }
            for name, route in ROUTES.items()
        ],
        "vectorizer": {"type": "hf", "model": "sentence-transformers/all-MiniLM-L6-v2"},
        "routing_config": {"max_k": 1, "aggregation_method": "avg"},
    }


def check_sources() -> list[str]:
    """Problems in the hand-written lists, before any file is written."""
    problems = []
    if len(ROUTES) != 30:
        problems.append(f"{len(ROUTES)} routes, expected 30")
    for name, route in ROUTES.items():
        if not re.fullmatch(r"[a-z][a-z0-9]*(_[a-z0-9]+)*", name):
            problems.append(f"route name {name!r} is not snake_case")
        if len(route["references"]) != REFERENCES_PER_ROUTE:
            problems.append(f"{name}: {len(route['references'])} references")
        if len(route["queries"]) != 2 * QUERIES_PER_ROUTE_PER_SPLIT:
            problems.append(f"{name}: {len(route['queries'])} queries")
    total_oos = sum(len(group) for group in OUT_OF_SCOPE.values())
    if total_oos != OOS_TOTAL:
        problems.append(f"{total_oos} out-of-scope queries, expected {OOS_TOTAL}")
    seen: dict[str, str] = {}
    seen_loose: dict[str, str] = {}
    for name, route in ROUTES.items():
        for kind in ("references", "queries"):
            for text in route[kind]:
                where = f"{name}.{kind}"
                for key, table in ((normalise(text), seen), (loose(text), seen_loose)):
                    if key in table:
                        problems.append(f"duplicate {text!r}: {table[key]} and {where}")
                    table[key] = where
    for group_name, group in OUT_OF_SCOPE.items():
        for text in group:
            where = f"out_of_scope.{group_name}"
            for key, table in ((normalise(text), seen), (loose(text), seen_loose)):
                if key in table:
                    problems.append(f"duplicate {text!r}: {table[key]} and {where}")
                table[key] = where
    return problems


def validate_files(router_path: Path, fit_path: Path, test_path: Path) -> list[str]:
    """Re-reads the written files and checks them against the specification."""
    problems = []
    with router_path.open() as f:
        router = yaml.safe_load(f)
    if list(router) != ["name", "routes", "vectorizer", "routing_config"]:
        problems.append(f"router keys {list(router)}")
    if router.get("name") != "intents":
        problems.append("router name is not 'intents'")
    if router.get("vectorizer") != {"type": "hf", "model": "sentence-transformers/all-MiniLM-L6-v2"}:
        problems.append(f"vectorizer {router.get('vectorizer')}")
    if router.get("routing_config") != {"max_k": 1, "aggregation_method": "avg"}:
        problems.append(f"routing_config {router.get('routing_config')}")
    routes = router.get("routes", [])
    if len(routes) != 30:
        problems.append(f"{len(routes)} routes in router.yaml")
    names = set()
    everything: dict[str, str] = {}
    for route in routes:
        if list(route) != ["name", "references", "metadata", "distance_threshold"]:
            problems.append(f"route keys {list(route)}")
        names.add(route["name"])
        refs = route["references"]
        if len(refs) != 10 or not all(isinstance(r, str) and r.strip() for r in refs):
            problems.append(f"{route['name']}: references are not 10 non-empty strings")
        if route["metadata"] != {} or route["distance_threshold"] != 0.5:
            problems.append(f"{route['name']}: metadata/threshold")
        for ref in refs:
            key = normalise(ref)
            if key in everything:
                problems.append(f"{ref!r} appears in router.yaml and {everything[key]}")
            everything[key] = "router.yaml"
    if len(names) != len(routes):
        problems.append("route names are not unique")

    for path in (fit_path, test_path):
        records = []
        for number, line in enumerate(path.read_text().splitlines(), 1):
            try:
                record = json.loads(line)
            except json.JSONDecodeError as error:
                problems.append(f"{path.name}:{number}: {error}")
                continue
            if set(record) != {"text", "label"} or not isinstance(record["text"], str):
                problems.append(f"{path.name}:{number}: bad record {record}")
                continue
            if record["label"] is not None and record["label"] not in names:
                problems.append(f"{path.name}:{number}: unknown label {record['label']!r}")
            records.append(record)
        per_label: dict = {}
        for record in records:
            per_label[record["label"]] = per_label.get(record["label"], 0) + 1
            key = normalise(record["text"])
            if key in everything:
                problems.append(f"{record['text']!r} appears in {path.name} and {everything[key]}")
            everything[key] = path.name
        expected_oos = OOS_FIT if path == fit_path else OOS_TOTAL - OOS_FIT
        if len(records) != 450 + expected_oos:
            problems.append(f"{path.name}: {len(records)} records, expected {450 + expected_oos}")
        if per_label.get(None, 0) != expected_oos:
            problems.append(f"{path.name}: {per_label.get(None, 0)} out-of-scope, expected {expected_oos}")
        for name in names:
            if per_label.get(name, 0) != 15:
                problems.append(f"{path.name}: {per_label.get(name, 0)} queries for {name}, expected 15")

    # Optional: RedisVL's own models accept the router (no Redis server needed).
    try:
        from redisvl.extensions.router.schema import Route, RoutingConfig
    except ImportError:
        pass
    else:
        try:
            for route in routes:
                Route(**route)
            RoutingConfig(**router["routing_config"])
        except Exception as error:  # noqa: BLE001 - report whatever RedisVL rejects
            problems.append(f"RedisVL rejects the router: {error}")
    return problems


def main() -> int:
    problems = check_sources()
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 1

    router_path = HERE / "router.yaml"
    fit_path = HERE / "fit.jsonl"
    test_path = HERE / "test.jsonl"
    with router_path.open("w") as f:
        yaml.dump(router_document(), f, sort_keys=False, allow_unicode=True, width=1000)
    fit, test = split_queries()
    for path, records in ((fit_path, fit), (test_path, test)):
        with path.open("w") as f:
            for record in records:
                f.write(json.dumps(record, ensure_ascii=False) + "\n")

    problems = validate_files(router_path, fit_path, test_path)
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 1
    in_scope = sum(1 for r in fit if r["label"] is not None)
    print(
        f"router.yaml: {len(ROUTES)} routes x {REFERENCES_PER_ROUTE} references\n"
        f"fit.jsonl:   {len(fit)} lines ({in_scope} in scope, {len(fit) - in_scope} out of scope)\n"
        f"test.jsonl:  {len(test)} lines ({sum(1 for r in test if r['label'] is not None)} in scope, "
        f"{sum(1 for r in test if r['label'] is None)} out of scope)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
