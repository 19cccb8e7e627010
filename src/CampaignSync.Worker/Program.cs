Console.WriteLine("CampaignSync");
