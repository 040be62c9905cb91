"""Writes conversations.jsonl: an authored multi-turn routing set over the intents router
(Tests/Fixtures/intents/router.yaml). Each line is {"id", "kind", "turns": [{"text", "label"}]}, `label` a
route name or null (no route). Two kinds:

- "follow": later turns only make sense with the earlier ones ("make it Tuesday instead"); their label is
  the conversation's route, though the text alone says little or points elsewhere;
- "switch": the conversation really changes topic; each turn's label is its own route.

Every utterance is written here, one per line, so it is easy to review. Run with any Python 3:
    python3 Tests/Fixtures/conversations/make_conversations.py
"""
import json
from pathlib import Path

FOLLOW = [
    ("book_flight", ["book me a flight from boston to denver on friday", "actually make it saturday morning",
                     "window seat if possible", "and the cheapest fare please"]),
    ("book_flight", ["I need a plane ticket to rome for the 12th of june", "two adults", "can we leave from newark instead",
                     "return on the 20th"]),
    ("book_hotel", ["find me a hotel in lisbon for three nights", "something near the old town",
                    "under 150 a night", "does it have breakfast included"]),
    ("book_hotel", ["reserve a room in chicago for next weekend", "king bed please", "make it two rooms actually"]),
    ("weather", ["what's the weather like in seattle today", "and tomorrow?", "what about the weekend",
                 "will it be windy"]),
    ("weather", ["is it going to rain in london this afternoon", "how cold will it get tonight", "and in manchester?"]),
    ("transfer_money", ["send 200 dollars to my sister", "from my savings account", "make it 250 instead",
                        "and add a note saying happy birthday"]),
    ("transfer_money", ["I want to move money to my checking account", "1500", "do it today please"]),
    ("pay_bill", ["pay my electricity bill", "the full amount", "use the visa card", "schedule it for the 28th"]),
    ("restaurant_reservation", ["book a table for four at an italian place tonight", "around 8 pm",
                                "somewhere downtown", "can you make it 8:30 instead", "outdoor seating if they have it"]),
    ("restaurant_reservation", ["I'd like a dinner reservation for two on saturday", "sushi please", "7 o'clock works"]),
    ("set_alarm", ["set an alarm for 6 am", "make it 6:15", "and label it gym", "repeat it on weekdays"]),
    ("set_timer", ["start a timer for 12 minutes", "add five more minutes", "call it pasta"]),
    ("set_reminder", ["remind me to call the dentist tomorrow", "at 10 in the morning", "actually make it friday",
                      "and again an hour before"]),
    ("play_music", ["play some jazz", "something more upbeat", "louder please", "skip this one"]),
    ("play_music", ["put on my running playlist", "shuffle it", "next song"]),
    ("shopping_list", ["add milk to my shopping list", "and eggs", "two loaves of bread too", "remove the milk"]),
    ("todo_list", ["put finish the report on my to do list", "mark it high priority", "also add book the car service"]),
    ("recipe", ["how do I make a vegetarian lasagna", "can I use ricotta instead of bechamel",
                "how long in the oven", "what if I don't have fresh pasta"]),
    ("recipe", ["give me a recipe for banana bread", "without eggs", "can I use honey instead of sugar"]),
    ("nutrition_info", ["how many calories are in an avocado", "and how much protein", "what about a banana"]),
    ("schedule_meeting", ["set up a meeting with the design team thursday", "make it 30 minutes",
                          "invite priya and tom too", "move it to the afternoon"]),
    ("request_time_off", ["I want to take next friday off", "make it friday and monday", "it's for a family event"]),
    ("reset_password", ["I can't log into my account", "I forgot my password", "the reset email never arrived",
                        "can you send it to my other address"]),
    ("exchange_rate", ["what's the dollar to euro rate", "and to yen", "what was it last week"]),
    ("translate", ["how do you say thank you very much in japanese", "and in korean", "what about the formal version"]),
    ("flight_status", ["is flight ua 902 on time", "what gate is it at", "has boarding started"]),
    ("card_declined", ["my card got declined at the gas station", "I have money in the account though",
                       "it happened twice today"]),
    ("report_lost_card", ["I lost my debit card", "I think it was yesterday at the mall", "please block it",
                          "and send me a new one"]),
    ("check_balance", ["how much money do I have", "in my savings account", "and checking"]),
]

SWITCH = [
    [("weather", "what's the weather in paris tomorrow"), ("what_to_wear", "should I bring a jacket or a coat"),
     ("book_hotel", "ok find me a hotel near the eiffel tower"), ("restaurant_reservation", "and book dinner for two there on friday")],
    [("play_music", "play some classical music"), ("set_timer", "set a timer for 25 minutes"),
     ("tell_joke", "tell me a joke while I wait")],
    [("check_balance", "what's my checking balance"), ("transfer_money", "move 300 to savings"),
     ("recent_transactions", "show me what I spent last week")],
    [("greeting", "hey there"), ("fun_fact", "tell me something interesting about octopuses"),
     ("tell_joke", "now a joke please"), (None, "what do you think about the meaning of life")],
    [("recipe", "how do I make pancakes"), ("shopping_list", "add flour and buttermilk to my shopping list"),
     ("set_timer", "timer for 3 minutes")],
    [("book_flight", "book a flight to madrid next tuesday"), ("exchange_rate", "what's the euro exchange rate right now"),
     ("translate", "how do I say where is the train station in spanish"), ("travel_notification", "let my bank know I'll be in spain")],
    [("schedule_meeting", "schedule a call with marketing tomorrow"), ("request_time_off", "also I need thursday off"),
     ("set_reminder", "remind me to submit the expense report")],
    [("card_declined", "why was my card declined"), ("report_lost_card", "actually I can't find it at all, I think I lost it"),
     ("change_pin", "and I want to change the pin on my new card")],
    [("nutrition_info", "how much sugar is in a can of coke"), ("recipe", "give me a healthy smoothie recipe"),
     (None, "who won the world cup in 1998")],
    [("todo_list", "add clean the garage to my todo list"), ("weather", "is it going to be sunny on saturday"),
     ("play_music", "play something relaxing")],
]


def main():
    lines = []
    for index, (route, texts) in enumerate(FOLLOW):
        lines.append({"id": f"follow-{index:02d}", "kind": "follow", "turns": [{"text": t, "label": route} for t in texts]})
    for index, turns in enumerate(SWITCH):
        lines.append({"id": f"switch-{index:02d}", "kind": "switch", "turns": [{"text": t, "label": r} for r, t in turns]})
    seen = set()
    for line in lines:
        for turn in line["turns"]:
            key = turn["text"].lower().strip()
            assert key not in seen, f"duplicate turn: {turn['text']}"
            seen.add(key)
    out = Path(__file__).with_name("conversations.jsonl")
    out.write_text("".join(json.dumps(line) + "\n" for line in lines))
    turns = sum(len(line["turns"]) for line in lines)
    print(f"{out}: {len(lines)} conversations, {turns} turns")


if __name__ == "__main__":
    main()
